package io.flotilla.imageupdater.automation;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import io.flotilla.imageupdater.scan.SkippedTag;

/**
 * One automated release container or ImagePolicy as {@code GET /api/automations} shows it: where it is declared,
 * the image and policy, the values it moves and what they read, the newest eligible tag, the tags of its
 * repository the last scan skipped (unsigned, badly signed: {@code skippedTags}), the last scan, the last
 * {@code ImageTagFound} published, and its errors. A declaration refused has its error and no image; a branch whose
 * last commit cannot be read (its repository out of reach, its Secret missing or refused) has the reason and no file.
 *
 * <p>{@code scannedHere} says whether the instance answering scans the image's repository: when several instances
 * split the repositories, the newest tag, skipped tags, last scan and last {@code ImageTagFound} are known to the
 * instance that scans it, and are empty on the others (the images topic has every tag found).
 */
public record AutomationView(String source, String branch, String sha, String file, String object,
        String container, String image, String policy, List<Value> values, String newestTag, String newestDigest,
        List<SkippedTag> skippedTags, Instant lastScan, Published lastImageTagFound, List<String> errors,
        Boolean scannedHere) {

    /** This view as the instance answering sees it: {@code scanned} for an image, nothing for a refused one. */
    public AutomationView seenBy(Predicate<String> scanned) {
        return new AutomationView(source, branch, sha, file, object, container, image, policy, values, newestTag,
                newestDigest, skippedTags, lastScan, lastImageTagFound, errors,
                image == null ? null : scanned.test(image));
    }

    /** A value the automation moves: where, what it reads. */
    public record Value(String where, String current) {
    }

    /** An {@code ImageTagFound} published: its tag, when, how many edits, its correlation id. */
    public record Published(String tag, Instant at, int edits, String correlationId) {
    }
}
