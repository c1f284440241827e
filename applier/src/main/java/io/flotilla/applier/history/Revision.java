package io.flotilla.applier.history;

import io.flotilla.events.ReleaseKey;

/** A recorded attempt: revision {@code number} of its release, counted from 1. */
public record Revision(int number, Attempt attempt) {

    public ReleaseKey release() {
        return attempt.release();
    }

    static Revision of(RevisionRecord record) {
        return new Revision(record.number, new Attempt(ReleaseKey.parse(record.releaseKey), record.sourceSha,
                record.sourceFile, record.chartName, record.chartVersion, record.inputDigest, record.outcome,
                record.message, record.objects == null ? null : record.objects.results(), record.appliedAt, record.durationMs));
    }
}
