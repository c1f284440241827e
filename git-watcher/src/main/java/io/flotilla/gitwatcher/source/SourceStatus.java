package io.flotilla.gitwatcher.source;

import java.time.Instant;

/**
 * How a source is doing, as {@code GET /api/sources} shows it.
 *
 * @param lastEmitted the sha of the last commit emitted, null before the first
 * @param lastFetchAt when the last fetch ended, null before the first
 * @param lastError   why the last fetch failed, null when it succeeded
 */
public record SourceStatus(String repository, String branch, String lastEmitted, Instant lastFetchAt,
        String lastError) {
}
