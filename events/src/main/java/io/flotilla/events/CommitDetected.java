package io.flotilla.events;

import java.time.Instant;
import java.util.List;

/**
 * A new commit on a watched branch. {@code changedPaths} are the paths changed since the last
 * commit emitted for this source ({@code parent}); for the first commit seen, every path. {@code forced}
 * says the branch was rewritten: {@code parent} is no ancestor of {@code sha}.
 *
 * @param access how the renderer and the image-updater fetch the repository when its source was added through
 *               git-watcher's API with credentials they are not configured with: those credentials sealed with the
 *               installation's key ring, bound to {@code repository} ({@code git.SealedSourceAccess}); never a clear
 *               value. Null for every other source (and in events written before it existed): the repository is
 *               fetched with the credentials configured for it, if any.
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
        boolean forced,
        String access) implements Event {

    public CommitDetected {
        changedPaths = changedPaths == null ? List.of() : List.copyOf(changedPaths);
    }

    /** A commit of a source fetched with the credentials configured for it, or none. */
    public CommitDetected(String repository, String branch, String sha, String parent, List<String> changedPaths,
            String author, String message, Instant committedAt, boolean forced) {
        this(repository, branch, sha, parent, changedPaths, author, message, committedAt, forced, null);
    }

    /** A commit that follows the last one emitted: the usual case. */
    public CommitDetected(String repository, String branch, String sha, String parent, List<String> changedPaths,
            String author, String message, Instant committedAt) {
        this(repository, branch, sha, parent, changedPaths, author, message, committedAt, false);
    }

    /** This commit, fetched with {@code sealedAccess}. */
    public CommitDetected withAccess(String sealedAccess) {
        return new CommitDetected(repository, branch, sha, parent, changedPaths, author, message, committedAt, forced,
                sealedAccess);
    }

    @Override
    public String key() {
        return repository;
    }
}
