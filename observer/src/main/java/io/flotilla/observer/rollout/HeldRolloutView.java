package io.flotilla.observer.rollout;

import java.time.Instant;

/**
 * A held rollout as the API shows it.
 *
 * @param cluster         the cluster whose rendering is held
 * @param state           {@code held} (waiting for the wave before to be Ready, or to soak) or {@code halted} (the
 *                        wave before failed)
 * @param blockingCluster the cluster of the wave before that it waits for
 */
public record HeldRolloutView(String cluster, String namespace, String name, String rollout, int wave,
        String waveName, String state, String blockingCluster, String reason, String sourceSha, long commitOrder,
        Instant heldAt) {

    static HeldRolloutView of(HeldRollout held) {
        return new HeldRolloutView(held.cluster, held.namespace, held.name, held.rollout, held.wave, held.waveName,
                held.halted ? "halted" : "held", held.blockingCluster, held.reason, held.sourceSha, held.commitOrder,
                held.heldAt);
    }
}
