package io.flotilla.gitwatcher.autorelease;

import java.util.List;

import io.flotilla.events.Envelope;
import io.flotilla.events.ImageTagFound;
import io.flotilla.events.ImageTagFound.ImageEdit;

/** An edit waiting for its commit, with the image it moves to ({@code repository:tag}) and the event it came in. */
public record PendingEdit(String image, ImageEdit edit, Envelope<ImageTagFound> cause) {

    /** Every edit of an image event, each with the image as the commit message names it. */
    public static List<PendingEdit> of(Envelope<ImageTagFound> found) {
        String image = found.payload().repository() + ":" + found.payload().tag();
        return found.payload().edits().stream().map(edit -> new PendingEdit(image, edit, found)).toList();
    }

    ReleaseTarget target() {
        return new ReleaseTarget(edit.source(), edit.branch(), edit.pushBranch());
    }
}
