package io.flotilla.renderer.kustomize;

/** A build kustomize refused or could not run; the message says why, without the folder it was asked for. */
public class KustomizeException extends Exception {

    public KustomizeException(String message) {
        super(message);
    }
}
