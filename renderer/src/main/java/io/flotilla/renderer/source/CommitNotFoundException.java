package io.flotilla.renderer.source;

/**
 * The repository was fetched and does not have the commit (it was force-pushed away, or the sha is no sha): unlike
 * a repository that cannot be fetched for now, asking again will not help.
 */
public class CommitNotFoundException extends RepositoryUnavailableException {

    public CommitNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    public CommitNotFoundException(String message) {
        super(message);
    }
}
