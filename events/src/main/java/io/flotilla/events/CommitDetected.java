package io.flotilla.events;

import java.time.Instant;
import java.util.List;

/**
 * A new commit on a watched branch. {@code changedPaths} are the paths changed since the last
 * commit emitted for this source ({@code parent}); for the first commit seen, every path. {@code forced}
 * says the branch was rewritten: {@code parent} is no ancestor of {@code sha}.
 */
public record CommitDetected(
        String repository,
        String branch,
        String sha,
        String parent,
        List<String> changedPaths,
        String author,
        String message,
        Instant committedAt,
        boolean forced) implements Event {

    public CommitDetected {
        changedPaths = changedPaths == null ? List.of() : List.copyOf(changedPaths);
    }

    /** A commit that follows the last one emitted: the usual case. */
    public CommitDetected(String repository, String branch, String sha, String parent, List<String> changedPaths,
            String author, String message, Instant committedAt) {
        this(repository, branch, sha, parent, changedPaths, author, message, committedAt, false);
    }

    @Override
    public String key() {
        return repository;
    }
}
