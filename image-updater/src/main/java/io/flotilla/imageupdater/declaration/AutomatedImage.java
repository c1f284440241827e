package io.flotilla.imageupdater.declaration;

import java.time.Duration;
import java.util.List;

import io.flotilla.imageupdater.policy.TagPolicy;
import io.flotilla.imageupdater.registry.ImageRepository;

/**
 * One policy followed in one image repository, as a file declares it: a Flux v1 HelmRelease's container
 * ({@code name} is {@code HelmRelease ns/name}, {@code container} its container) or a Flux v2 ImagePolicy
 * ({@code ImagePolicy ns/name}, no container), with the values it moves ({@code targets}; none for a policy no
 * ImageUpdateAutomation writes). {@code secret} names the ImageRepository's {@code secretRef} (null: the
 * configured credentials); {@code interval} is null where the declaration gives none.
 */
public record AutomatedImage(String name, String container, String file, ImageRepository repository, String secret,
        Duration interval, TagPolicy policy, List<EditTarget> targets) {

    public AutomatedImage {
        targets = List.copyOf(targets);
    }

    /** What identifies it within one branch: its object, and its container for a release. */
    public String id() {
        return container == null ? name : name + " " + container;
    }
}
