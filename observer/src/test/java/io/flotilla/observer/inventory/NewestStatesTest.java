package io.flotilla.observer.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.flotilla.events.ClusterState;

/** The states of a fleet waiting to be kept, driven task by task: a queue of tasks stands for the keeping threads. */
class NewestStatesTest {

    final Queue<Runnable> queued = new ArrayDeque<>();
    final List<String> kept = new ArrayList<>();
    Consumer<ClusterState> keep = state -> kept.add(state.cluster() + ":" + state.nodesTotal());
    final NewestStates states = new NewestStates(queued::add, state -> keep.accept(state));

    @Test
    void statesOfAClusterThatComeWhileOneWaitsLeaveOnlyTheNewest() {
        states.offer(state("dev", 1));
        states.offer(state("dev", 2));
        states.offer(state("dev", 3));

        assertThat(queued).hasSize(1);
        runQueued();
        assertThat(kept).containsExactly("dev:3");
    }

    @Test
    void statesThatComeWhileOneIsBeingKeptAreKeptAfterItNewestOnly() {
        keep = state -> {
            kept.add(state.cluster() + ":" + state.nodesTotal());
            if (state.nodesTotal() == 1) {
                states.offer(state("dev", 2));
                states.offer(state("dev", 3));
            }
        };
        states.offer(state("dev", 1));

        runQueued();

        assertThat(kept).containsExactly("dev:1", "dev:3");
    }

    @Test
    void aFleetPublishingAtOnceQueuesOneTaskPerClusterAndEveryClusterIsKept() {
        for (int round = 1; round <= 10; round++) {
            for (int cluster = 0; cluster < 50; cluster++) {
                states.offer(state("bench-" + cluster, round));
            }
        }

        assertThat(queued).hasSize(50);
        runQueued();
        assertThat(kept).hasSize(50).allMatch(state -> state.endsWith(":10"));
    }

    @Test
    void aStateThatCannotBeKeptLeavesTheNextToBeKept() {
        keep = state -> {
            if (state.nodesTotal() == 1) {
                states.offer(state("dev", 2));
                throw new IllegalStateException("database gone");
            }
            kept.add(state.cluster() + ":" + state.nodesTotal());
        };
        states.offer(state("dev", 1));

        runQueued();

        assertThat(kept).containsExactly("dev:2");
    }

    private void runQueued() {
        for (Runnable task = queued.poll(); task != null; task = queued.poll()) {
            task.run();
        }
    }

    /** A state told apart by its node count. */
    private static ClusterState state(String cluster, int nodes) {
        return new ClusterState(cluster, true, "v1.31.0", nodes, nodes, 0, 0, Instant.parse("2026-03-01T10:00:00Z"));
    }
}
