package io.flotilla.events;

/** A record on a topic that is not an event this version of Flotilla can read. */
public class EventFormatException extends RuntimeException {
    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    public EventFormatException(String message) {
        super(message);
    }
}
