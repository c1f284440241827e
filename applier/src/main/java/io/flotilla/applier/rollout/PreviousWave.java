package io.flotilla.applier.rollout;

import java.time.Instant;
import java.util.Map;

import io.flotilla.applier.history.ReleaseState;
import io.flotilla.events.ReleaseKey;

/**
 * Where a release stands on the clusters of the wave before its own, as read from the history at {@code now}: what
 * its wave gate decides from. A release the history does not have on a cluster is absent.
 */
public record PreviousWave(Map<ReleaseKey, ReleaseState> states, Instant now) {

    public PreviousWave {
        states = Map.copyOf(states);
    }

    /** Nothing read: the rendering has no wave before it. */
    public static PreviousWave none(Instant now) {
        return new PreviousWave(Map.of(), now);
    }
}
