package io.flotilla.events;

import java.time.Instant;
import java.util.List;

/** A revision of a release reached its cluster, or failed to, and why. */
public record ReleaseApplied(
        ReleaseKey release,
        int revision,
        Outcome outcome,
        String sourceSha,
        String sourceFile,
        String chartName,
        String chartVersion,
        String inputDigest,
        List<ObjectResult> objects,
        long durationMs,
        Instant appliedAt,
        String error) implements Event {

    public ReleaseApplied {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    @Override
    public String key() {
        return release.toString();
    }
}
