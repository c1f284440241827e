package io.flotilla.launcher.stack;

/** Something the user must know to get the local stack running: the message says what and where to look. */
public class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
