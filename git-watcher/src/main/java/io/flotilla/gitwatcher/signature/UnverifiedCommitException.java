package io.flotilla.gitwatcher.signature;

/** A head whose signature is missing, made by a key not listed, or does not match the commit; nothing is emitted. */
public class UnverifiedCommitException extends RuntimeException {

    public UnverifiedCommitException(String message) {
        super(message);
    }
}
