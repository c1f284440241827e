package io.flotilla.observer.image;

import java.time.Instant;
import java.util.List;

/**
 * An image and policy as {@code GET /api/images} and the dashboard show them.
 *
 * @param chosenAt when the policy first chose {@code tag}
 * @param touches  the files and releases the edits to this tag touch; empty when every file read it already
 * @param commit   the {@code Auto-release} commit of those edits; null until git-watcher's commit is detected
 */
public record ImageChoiceView(String repository, String policy, String tag, String digest, Instant chosenAt,
        Instant foundAt, List<ImageChoice.Touch> touches, AutoReleaseCommit commit) {

    /**
     * The commit that moved the files to the tag, and the releases whose latest applied revision comes from it.
     *
     * @param ready  releases Ready at this commit, on every cluster
     * @param failed releases Failed (or rolled back) at this commit
     */
    public record AutoReleaseCommit(String sha, String message, Instant detectedAt, long ready, long failed) {
    }
}
