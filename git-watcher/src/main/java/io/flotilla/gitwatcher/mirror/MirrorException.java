package io.flotilla.gitwatcher.mirror;

/** A remote that cannot be reached or read; the message names the repository and the reason. */
public class MirrorException extends RuntimeException {

    public MirrorException(String message) {
        super(message);
    }

    public MirrorException(String message, Throwable cause) {
        super(message, cause);
    }
}
