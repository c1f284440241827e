package io.flotilla.gitwatcher.sync;

/** A source that cannot be added or removed as asked; the message says why. */
public class SourceConflictException extends RuntimeException {

    public SourceConflictException(String message) {
        super(message);
    }
}
