package io.flotilla.renderer.release;

/** A field of a document that is missing or has the wrong type; the message starts with the field's path. */
public class InvalidFieldException extends Exception {

    public InvalidFieldException(String message) {
        super(message);
    }
}
