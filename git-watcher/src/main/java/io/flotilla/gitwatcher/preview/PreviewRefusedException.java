package io.flotilla.gitwatcher.preview;

/** A preview that cannot be asked for: its head cannot be fetched, or is not the commit the host named. */
public class PreviewRefusedException extends RuntimeException {

    public PreviewRefusedException(String message) {
        super(message);
    }

    public PreviewRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
