package io.flotilla.gitwatcher.source;

import java.time.Instant;
import java.util.List;

/**
 * How a source is doing, as {@code GET /api/sources} shows it.
 *
 * @param lastEmitted     the sha of the last commit emitted, null before the first
 * @param lastFetchAt     when the last fetch ended, null before the first
 * @param lastFetchMillis how long the last fetch took, null before the first
 * @param lastError       why the last fetch failed, null when it succeeded
 * @param username        the HTTPS username fetches authenticate with, null for none (the password is never shown)
 * @param origin          {@code config} or {@code api}: only sources added through the API can be removed by it
 */
public record SourceStatus(String id, String repository, String branch, long pollIntervalSeconds, List<String> paths,
        String username, String origin, String lastEmitted, Instant lastFetchAt, Long lastFetchMillis, String lastError) {
}
