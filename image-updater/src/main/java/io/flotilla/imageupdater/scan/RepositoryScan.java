package io.flotilla.imageupdater.scan;

import java.util.Optional;

import io.flotilla.imageupdater.policy.TagPolicy;
import io.flotilla.imageupdater.registry.ImageRepository;
import io.flotilla.imageupdater.registry.RegistryClient;

/**
 * One scan of an image repository under a policy: its tags listed, the policy's choice made (build times asked of
 * the registry only for the tags the policy orders by them), and the chosen tag's digest read.
 */
public final class RepositoryScan {

    private final RegistryClient registry;

    public RepositoryScan(RegistryClient registry) {
        this.registry = registry;
    }

    /** The tag {@code policy} chooses in {@code repository}; empty if no tag is eligible. */
    public Optional<ChosenTag> choose(ImageRepository repository, TagPolicy policy) {
        return policy.choose(registry.tags(repository), tag -> registry.createdAt(repository, tag))
                .map(tag -> new ChosenTag(repository, tag, registry.image(repository, tag).digest(), policy.describe()));
    }
}
