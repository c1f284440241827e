package io.flotilla.imageupdater.scan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flotilla.imageupdater.policy.TagPolicy;
import io.flotilla.imageupdater.registry.ImageInfo;
import io.flotilla.imageupdater.registry.ImageRepository;
import io.flotilla.imageupdater.registry.RegistryClient;

/**
 * One scan of an image repository: its tags listed once, then each policy's choice among them (build times asked
 * of the registry only for the tags a policy orders by them, each tag's asked once in the scan however many
 * policies ask), and the chosen tag's digest read.
 */
public final class RepositoryScan {

    private final RegistryClient registry;
    private final ImageRepository repository;
    private final List<String> tags;
    private final Map<String, ImageInfo> imageByTag = new HashMap<>();

    private RepositoryScan(RegistryClient registry, ImageRepository repository, List<String> tags) {
        this.registry = registry;
        this.repository = repository;
        this.tags = tags;
    }

    /** A scan of {@code repository}: its tags are listed now. */
    public static RepositoryScan of(RegistryClient registry, ImageRepository repository) {
        return new RepositoryScan(registry, repository, registry.tags(repository));
    }

    /** The tag {@code policy} chooses in {@code repository}: one scan, one policy. */
    public static Optional<ChosenTag> choose(RegistryClient registry, ImageRepository repository, TagPolicy policy) {
        return of(registry, repository).choose(policy);
    }

    /** The repository's tags, in the order the registry lists them. */
    public List<String> tags() {
        return tags;
    }

    /** The tag {@code policy} chooses; empty if no tag is eligible. */
    public Optional<ChosenTag> choose(TagPolicy policy) {
        return policy.choose(tags, tag -> image(tag).created())
                .map(tag -> new ChosenTag(repository, tag, image(tag).digest(), policy.describe()));
    }

    private ImageInfo image(String tag) {
        return imageByTag.computeIfAbsent(tag, t -> registry.image(repository, t));
    }
}
