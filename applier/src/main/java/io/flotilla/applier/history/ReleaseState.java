package io.flotilla.applier.history;

import io.flotilla.events.DriftMode;
import io.flotilla.events.Outcome;

/**
 * Where a release stands: its current revision and that revision's outcome and input digest, the digest last
 * applied Ready, the drift detection mode, the commit order of the newest rendering taken, and how many tries in a
 * row have failed.
 *
 * @param currentInputDigest the input digest of the current revision, whatever its outcome
 * @param commitOrder        the commit order of the newest rendering taken: an older one is never applied
 * @param failures           tries in a row that ended {@code Failed}, for the retry backoff; 0 after any other
 */
public record ReleaseState(int currentRevision, Outcome status, String readyInputDigest, DriftMode driftMode,
        String currentInputDigest, long commitOrder, int failures) {

    /** A state as the tests of decisions write it: no commit order and no failures counted. */
    public ReleaseState(int currentRevision, Outcome status, String readyInputDigest, DriftMode driftMode) {
        this(currentRevision, status, readyInputDigest, driftMode, readyInputDigest, 0, 0);
    }

    static ReleaseState of(ReleaseRecord record) {
        return new ReleaseState(record.currentRevision, record.status, record.readyInputDigest,
                DriftMode.of(record.driftMode), record.currentInputDigest, record.commitOrder, record.failures);
    }
}
