package io.flotilla.imageupdater.declaration;

import java.util.List;

/** What one commit of one branch of a Git source declares: the images to follow and the declarations refused. */
public record Declarations(String source, String branch, String sha, List<AutomatedImage> images,
        List<AutomationError> errors) {

    public Declarations {
        images = List.copyOf(images);
        errors = List.copyOf(errors);
    }
}
