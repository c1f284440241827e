package io.flotilla.imageupdater.automation;

import java.util.ArrayList;
import java.util.List;

import io.flotilla.events.ImageTagFound.ImageEdit;
import io.flotilla.imageupdater.declaration.AutomatedImage;
import io.flotilla.imageupdater.declaration.EditTarget;
import io.flotilla.imageupdater.scan.ChosenTag;

/**
 * The edits that move an automated image's values to a chosen tag: one per value that does not read what the tag
 * asks for yet, with what it reads as {@code expected}, so that git-watcher leaves a value a person changed since.
 */
final class TagEdits {

    private TagEdits() {
    }

    static List<ImageEdit> of(String source, String branch, AutomatedImage image, ChosenTag chosen) {
        List<ImageEdit> edits = new ArrayList<>();
        for (EditTarget target : image.targets()) {
            String value = target.valueFor(chosen.tag(), chosen.digest());
            if (!value.equals(target.current())) {
                edits.add(new ImageEdit(source, branch, target.file(), target.document(), target.path(), value,
                        target.current(), target.release(), target.commit().pushBranch(), target.commit().author(),
                        target.commit().messageTemplate()));
            }
        }
        return edits;
    }
}
