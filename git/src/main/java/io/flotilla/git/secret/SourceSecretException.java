package io.flotilla.git.secret;

/**
 * A source's Secret that is missing, cannot be read, or lacks what the source needs: the message names the source,
 * the Secret and the reason, never a value.
 */
public class SourceSecretException extends RuntimeException {

    public SourceSecretException(String message) {
        super(message);
    }

    public SourceSecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
