package io.flotilla.gitwatcher.autorelease;

/**
 * An edit that cannot be made where it points: the file is no YAML, the path leads nowhere, or the scalar cannot be
 * rewritten alone. The message completes a sentence about the file ("... has no spec.values.image.tag").
 */
class EditRefusedException extends RuntimeException {

    EditRefusedException(String message) {
        super(message);
    }
}
