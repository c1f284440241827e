package io.flotilla.applier.history;

import java.time.Instant;

/**
 * A rendering held at its rollout's wave gate, as the release's record keeps it: which rollout and wave, whether the
 * wave before failed ({@code halted}) or is not there yet, the cluster it waits for and why, the commit order held
 * and since when.
 */
public record Hold(String rollout, int wave, String waveName, boolean halted, String blockingCluster, String reason,
        long commitOrder, Instant since) {

    /** Whether {@code other} tells something new of the hold: another rendering, halted or not, another cluster. */
    public boolean changedFrom(Hold other) {
        return other == null || other.commitOrder != commitOrder || other.halted != halted
                || !blockingCluster.equals(other.blockingCluster);
    }
}
