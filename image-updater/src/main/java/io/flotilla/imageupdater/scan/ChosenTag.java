package io.flotilla.imageupdater.scan;

import io.flotilla.imageupdater.registry.ImageRepository;

/** The tag a policy chose in a repository, with its image's digest and the policy as written. */
public record ChosenTag(ImageRepository repository, String tag, String digest, String policy) {

    /** {@code registry/name:tag}, as an image reference names it. */
    public String image() {
        return repository + ":" + tag;
    }
}
