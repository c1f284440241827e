package io.flotilla.launcher.status;

import java.time.Instant;

/** One release on one cluster as the observer's {@code GET /api/releases} shows it. */
public record ReleaseRow(
        String cluster,
        String namespace,
        String name,
        int revision,
        String status,
        String chart,
        String chartVersion,
        String sourceSha,
        Instant appliedAt,
        String message) {
}
