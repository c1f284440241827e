package io.flotilla.gitwatcher.source;

import java.time.Instant;
import java.util.List;

/**
 * How a source is doing, as {@code GET /api/sources} shows it.
 *
 * @param lastSeen        the sha the last fetch found the head at, even when it was not emitted (it touched none of
 *                        the source's paths, or was refused for its signature), null before the first fetch
 * @param lastEmitted     the sha of the last commit emitted, null before the first
 * @param lastFetchAt     when the last fetch ended, null before the first
 * @param lastFetchMillis how long the last fetch took, null before the first
 * @param lastError       why the last fetch failed or its head was refused (unsigned, or signed by an unlisted
 *                        key), null when it succeeded
 * @param branch          the branch followed, null when tags are
 * @param tags            the tag pattern followed, null when none
 * @param semver          the semver range of tags followed, null when none
 * @param lastRef         the ref the last fetch found the source at ({@code refs/tags/v1.4.0}), null before
 * @param signedBy        the fingerprints of the keys commits must be signed with, null when signatures are not checked
 * @param webhooks        which webhook deliveries the source takes: {@code signed} (with its secret), {@code unsigned}
 *                        (any), or {@code none} (no secret: it is found by polling only)
 * @param username        the HTTPS username fetches authenticate with, null for none (the password is never shown)
 * @param secret          the Secret ({@code namespace/name}) fetches read their credentials from, null for none
 * @param origin          {@code config} or {@code api}: only sources added through the API can be removed by it
 * @param owner           the instance holding the source's lease, the one that fetches it, null while none does; the
 *                        fetch fields are those the answering instance saw, the owner's when it answers
 * @param previewBranches the glob of branches previewed when polled, null when none
 * @param autoRelease     how the Auto-release commits pushed through this source went, null before the first
 */
public record SourceStatus(String id, String repository, String branch, String tags, String semver, String lastRef,
        long pollIntervalSeconds, List<String> paths, List<String> signedBy, String webhooks, String username,
        String secret, String origin,
        String lastSeen, String lastEmitted, Instant lastFetchAt, Long lastFetchMillis, String lastError,
        String owner, String previewBranches, AutoReleaseStatus autoRelease) {

    public SourceStatus withAutoRelease(AutoReleaseStatus status) {
        return new SourceStatus(id, repository, branch, tags, semver, lastRef, pollIntervalSeconds, paths, signedBy,
                webhooks, username, secret, origin, lastSeen, lastEmitted, lastFetchAt, lastFetchMillis, lastError, owner,
                previewBranches, status);
    }
}
