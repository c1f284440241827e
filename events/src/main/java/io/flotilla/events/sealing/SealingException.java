package io.flotilla.events.sealing;

/**
 * A sealed value that cannot be opened: sealed with a key the ring does not have, altered, or not a sealed value at
 * all; or a key ring that cannot be read. The message says which, never the value.
 */
public class SealingException extends IllegalArgumentException {

    public SealingException(String message) {
        super(message);
    }

    public SealingException(String message, Throwable cause) {
        super(message, cause);
    }
}
