package io.flotilla.applier.history;

import java.time.Instant;
import java.util.List;

import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;

/** What one try to bring a release to its cluster did, before the history numbers it as a revision. */
public record Attempt(
        ReleaseKey release,
        String sourceSha,
        String sourceFile,
        String chartName,
        String chartVersion,
        String inputDigest,
        Outcome outcome,
        String message,
        List<ObjectResult> objects,
        Instant appliedAt,
        long durationMs) {

    public Attempt {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }
}
