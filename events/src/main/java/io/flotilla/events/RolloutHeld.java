package io.flotilla.events;

import java.time.Instant;

/**
 * The applier holds a rendering at its rollout's wave gate: the same release is not yet Ready (or not for the soak
 * time) on the wave before, or has failed there. A halted rollout waits until the release is Ready on that wave (a
 * fix pushed) or the rollout is resumed by hand. The hold ends with the release's next {@link ReleaseApplied}.
 *
 * @param halted          the wave before failed: nothing goes on without a fix or a resume
 * @param blockingCluster the cluster of the wave before that the release waits for
 * @param reason          what the release waits for, for people
 */
public record RolloutHeld(
        ReleaseKey release,
        String rollout,
        int wave,
        String waveName,
        boolean halted,
        String blockingCluster,
        String reason,
        String sourceSha,
        long commitOrder,
        Instant heldAt) implements Event {

    @Override
    public String key() {
        return release.toString();
    }
}
