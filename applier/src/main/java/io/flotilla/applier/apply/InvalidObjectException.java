package io.flotilla.applier.apply;

/** A rendered object the applier cannot send to any API server, such as one without a name. */
public class InvalidObjectException extends RuntimeException {

    public InvalidObjectException(String message) {
        super(message);
    }
}
