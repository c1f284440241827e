package io.flotilla.gitwatcher.autorelease;

import io.flotilla.events.ImageTagFound.ImageEdit;

/**
 * What became of one edit: written, already there (a commit before this one wrote it, or a replay), or skipped
 * with the reason (a person changed the value since the image-updater read it, or the file no longer has it).
 */
record EditOutcome(ImageEdit edit, Result result, String reason) {

    enum Result {
        CHANGED, ALREADY_SET, SKIPPED
    }

    static EditOutcome changed(ImageEdit edit) {
        return new EditOutcome(edit, Result.CHANGED, null);
    }

    static EditOutcome alreadySet(ImageEdit edit) {
        return new EditOutcome(edit, Result.ALREADY_SET, null);
    }

    static EditOutcome skipped(ImageEdit edit, String reason) {
        return new EditOutcome(edit, Result.SKIPPED, reason);
    }

    /** The edit's place, as a person finds it: {@code releases/dev/podinfo.yaml (document 0) spec.values.image.tag}. */
    String place() {
        return edit.file() + " (document " + edit.document() + ") " + YamlScalars.describe(edit.path());
    }
}
