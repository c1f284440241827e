package io.flotilla.imageupdater.automation;

import java.time.Instant;
import java.util.List;

import io.flotilla.imageupdater.scan.SkippedTag;

/**
 * One automated release container or ImagePolicy as {@code GET /api/automations} shows it: where it is declared,
 * the image and policy, the values it moves and what they read, the newest eligible tag, the tags of its
 * repository the last scan skipped (unsigned, badly signed: {@code skippedTags}), the last scan, the last
 * {@code ImageTagFound} published, and its errors. A declaration refused has its error and no image; a branch whose
 * last commit cannot be read (its repository out of reach, its Secret missing or refused) has the reason and no file.
 */
public record AutomationView(String source, String branch, String sha, String file, String object,
        String container, String image, String policy, List<Value> values, String newestTag, String newestDigest,
        List<SkippedTag> skippedTags, Instant lastScan, Published lastImageTagFound, List<String> errors) {

    /** A value the automation moves: where, what it reads. */
    public record Value(String where, String current) {
    }

    /** An {@code ImageTagFound} published: its tag, when, how many edits, its correlation id. */
    public record Published(String tag, Instant at, int edits, String correlationId) {
    }
}
