package io.flotilla.imageupdater.source;

/** A commit whose files cannot be read: the repository cannot be fetched, or it lacks the commit. */
public class SourceUnavailableException extends RuntimeException {

    public SourceUnavailableException(String message) {
        super(message);
    }

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
