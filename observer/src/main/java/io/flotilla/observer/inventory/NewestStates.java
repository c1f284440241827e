package io.flotilla.observer.inventory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.flotilla.events.ClusterState;

/**
 * Hands each cluster's states to {@code keep} on {@code executor}, one at a time per cluster and in order. A state
 * that comes while an older one of its cluster waits takes its place: however slow keeping is, each cluster has at
 * most one state waiting, its newest, and a whole fleet publishing at once queues one task per cluster.
 */
final class NewestStates {

    private static final Logger LOG = Logger.getLogger(NewestStates.class);

    private final Executor executor;
    private final Consumer<ClusterState> keep;
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    NewestStates(Executor executor, Consumer<ClusterState> keep) {
        this.executor = executor;
        this.keep = keep;
    }

    void offer(ClusterState state) {
        Waiting cluster = waiting.computeIfAbsent(state.cluster(), name -> new Waiting());
        synchronized (cluster) {
            cluster.newest = state;
            if (cluster.queued) {
                return;
            }
            cluster.queued = true;
        }
        executor.execute(() -> keepNewest(cluster));
    }

    /** Keeps the cluster's newest state; one that came meanwhile goes to the back of the queue, fair to the others. */
    private void keepNewest(Waiting cluster) {
        ClusterState state;
        synchronized (cluster) {
            state = cluster.newest;
            cluster.newest = null;
        }
        try {
            keep.accept(state);
        } catch (RuntimeException e) {
            LOG.warnf(e, "cluster %s: its state could not be kept", state.cluster());
        }
        synchronized (cluster) {
            if (cluster.newest == null) {
                cluster.queued = false;
                return;
            }
        }
        executor.execute(() -> keepNewest(cluster));
    }

    /** One cluster's state waiting to be kept, and whether a task to keep it is queued or running. */
    private static final class Waiting {
        ClusterState newest;
        boolean queued;
    }
}
