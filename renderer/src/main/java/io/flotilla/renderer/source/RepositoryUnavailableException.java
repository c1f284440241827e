package io.flotilla.renderer.source;

/** A repository, or the commit asked for, cannot be fetched: nothing of that commit can be rendered. */
public class RepositoryUnavailableException extends RuntimeException {

    public RepositoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RepositoryUnavailableException(String message) {
        super(message);
    }
}
