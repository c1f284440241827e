package io.flotilla.applier.sops;

/** A SOPS file that does not decrypt: why, never a value. */
public class SopsException extends IllegalArgumentException {

    public SopsException(String message) {
        super(message);
    }
}
