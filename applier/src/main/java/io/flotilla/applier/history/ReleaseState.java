package io.flotilla.applier.history;

import java.time.Instant;

import io.flotilla.events.DriftMode;
import io.flotilla.events.Outcome;

/**
 * Where a release stands: its current revision and that revision's outcome and input digest, the digest last
 * applied Ready, the drift detection mode, the commit order of the newest rendering taken, how many tries in a
 * row have failed, and where it stands in a rollout of waves.
 *
 * @param currentInputDigest the input digest of the current revision, whatever its outcome
 * @param commitOrder        the commit order of the newest rendering taken: an older one is never applied
 * @param failures           tries in a row that ended {@code Failed}, for the retry backoff; 0 after any other
 * @param statusCommitOrder  the commit order {@code status} holds at (a held rendering does not move it): what a
 *                           later wave's gate compares with
 * @param readySince         since when the release has been Ready at {@code statusCommitOrder}; null if not Ready
 * @param hold               the rendering held at its wave gate, or null
 * @param forcedCommitOrder  renderings up to this commit order pass the wave gate, resumed by hand; 0 for none
 * @param suspension         the release's suspension by hand ({@code flotilla suspend}), or null
 */
public record ReleaseState(int currentRevision, Outcome status, String readyInputDigest, DriftMode driftMode,
        String currentInputDigest, long commitOrder, int failures, long statusCommitOrder, Instant readySince,
        Hold hold, long forcedCommitOrder, Suspension suspension) {

    /** A state that no one suspended by hand. */
    public ReleaseState(int currentRevision, Outcome status, String readyInputDigest, DriftMode driftMode,
            String currentInputDigest, long commitOrder, int failures, long statusCommitOrder, Instant readySince,
            Hold hold, long forcedCommitOrder) {
        this(currentRevision, status, readyInputDigest, driftMode, currentInputDigest, commitOrder, failures,
                statusCommitOrder, readySince, hold, forcedCommitOrder, null);
    }

    /** Whether someone suspended the release by hand, and it is not resumed yet. */
    public boolean suspendedByHand() {
        return suspension != null;
    }

    /** A state as the tests of decisions write it: no commit order and no failures counted. */
    public ReleaseState(int currentRevision, Outcome status, String readyInputDigest, DriftMode driftMode) {
        this(currentRevision, status, readyInputDigest, driftMode, readyInputDigest, 0, 0);
    }

    /** A state outside any rollout: its status holds at the newest commit order taken, since now if Ready. */
    public ReleaseState(int currentRevision, Outcome status, String readyInputDigest, DriftMode driftMode,
            String currentInputDigest, long commitOrder, int failures) {
        this(currentRevision, status, readyInputDigest, driftMode, currentInputDigest, commitOrder, failures,
                commitOrder, status == Outcome.Ready ? Instant.now() : null, null, 0);
    }

    static ReleaseState of(ReleaseRecord record) {
        Hold hold = record.heldCommitOrder == null ? null : new Hold(record.heldRollout,
                record.heldWave == null ? 0 : record.heldWave, record.heldWaveName,
                Boolean.TRUE.equals(record.heldHalted), record.heldBlockingCluster, record.heldReason,
                record.heldCommitOrder, record.heldSince);
        return new ReleaseState(record.currentRevision, record.status, record.readyInputDigest,
                DriftMode.of(record.driftMode), record.currentInputDigest, record.commitOrder, record.failures,
                record.statusCommitOrder == null ? record.commitOrder : record.statusCommitOrder, record.readySince,
                hold, record.forcedCommitOrder == null ? 0 : record.forcedCommitOrder, suspensionOf(record));
    }

    static Suspension suspensionOf(ReleaseRecord record) {
        return record.suspendedAt == null ? null
                : new Suspension(record.suspendedBy, record.suspendedAt, record.suspendedReason);
    }
}
