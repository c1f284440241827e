package io.flotilla.events;

import java.time.Instant;
import java.util.List;

/**
 * A new commit on a watched branch. {@code changedPaths} are the paths changed since the last
 * commit emitted for this source ({@code parent}); for the first commit seen, every path.
 */
public record CommitDetected(
        String repository,
        String branch,
        String sha,
        String parent,
        List<String> changedPaths,
        String author,
        String message,
        Instant committedAt) implements Event {

    public CommitDetected {
        changedPaths = changedPaths == null ? List.of() : List.copyOf(changedPaths);
    }

    @Override
    public String key() {
        return repository;
    }
}
