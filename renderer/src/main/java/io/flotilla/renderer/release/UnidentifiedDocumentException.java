package io.flotilla.renderer.release;

/**
 * A document that declares a release without saying which one (no usable name): it cannot be reported
 * under its own release, so its folder's manifests release carries the error.
 */
class UnidentifiedDocumentException extends Exception {

    private final String file;
    private final String reason;

    UnidentifiedDocumentException(String file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    String file() {
        return file;
    }

    /** What is wrong, without the file. */
    String reason() {
        return reason;
    }
}
