package io.flotilla.applier.history;

import io.flotilla.events.DriftMode;
import io.flotilla.events.Outcome;

/** Where a release stands: its current revision, that revision's outcome, the digest last applied Ready, the drift detection mode. */
public record ReleaseState(int currentRevision, Outcome status, String readyInputDigest, DriftMode driftMode) {

    static ReleaseState of(ReleaseRecord record) {
        return new ReleaseState(record.currentRevision, record.status, record.readyInputDigest, DriftMode.of(record.driftMode));
    }
}
