package io.flotilla.gitwatcher.source;

import java.time.Instant;

/**
 * How the Auto-release commits pushed through a source went, as {@code GET /api/sources} shows it.
 *
 * @param lastCommit    the sha of the last Auto-release commit pushed, null before the first
 * @param lastPushedAt  when it was pushed
 * @param lastBranch    the branch it was pushed to
 * @param lastMessage   its message's first line
 * @param skippedEdits  edits skipped since the service started, each logged with its file and reason (a value
 *                      changed by hand since the image was found, a path the file no longer has)
 * @param lastError     why the last push failed (refused for permissions, a protected branch, a remote out of
 *                      reach), null once one succeeds
 * @param lastErrorAt   when it failed
 */
public record AutoReleaseStatus(String lastCommit, Instant lastPushedAt, String lastBranch, String lastMessage,
        long skippedEdits, String lastError, Instant lastErrorAt) {
}
