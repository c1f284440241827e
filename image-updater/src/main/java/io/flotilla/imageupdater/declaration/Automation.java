package io.flotilla.imageupdater.declaration;

import io.flotilla.imageupdater.policy.TagPolicy;
import io.flotilla.imageupdater.registry.ImageRepository;

/**
 * One automated image of a release: the container it is known by ({@code chart-image}, a key under
 * {@code spec.values}, or an alias from the annotations), the repository it comes from, the tag the file has now,
 * the policy that chooses the next one, and where in the object the values are, as dot paths from its root
 * ({@code spec.values.image.tag}). When {@code tagPath} is {@code repositoryPath}, the value there is the whole
 * reference ({@code repo/app:1.2.0}) and the tag is what follows its last colon. An automation changes tags only,
 * so a registry given apart from the repository is part of {@code imageRepository} and has no path here.
 */
public record Automation(String container, ImageRepository imageRepository, String currentTag, TagPolicy policy,
        String repositoryPath, String tagPath) {

    /** Whether the repository and the tag are one string at one path. */
    public boolean oneString() {
        return repositoryPath.equals(tagPath);
    }
}
