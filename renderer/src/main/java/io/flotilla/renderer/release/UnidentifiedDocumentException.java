package io.flotilla.renderer.release;

/**
 * A document that declares a release without saying which one (no usable name): it cannot be reported
 * under its own release, so its folder's manifests release carries the error.
 */
class UnidentifiedDocumentException extends Exception {

    UnidentifiedDocumentException(String message) {
        super(message);
    }
}
