package io.flotilla.imageupdater.signature;

import java.util.Optional;

import io.flotilla.imageupdater.registry.ImageRepository;
import io.flotilla.imageupdater.registry.RegistryClient;

/**
 * Whether the image a tag names may run: asked of the tag a policy chooses, before it is chosen, so that only the
 * tags a policy would take cost registry requests. A registry that fails while asked throws, as in a scan: the tag
 * is then neither taken nor refused, and the scan is tried again.
 */
@FunctionalInterface
public interface TagVerification {

    /** Every tag may run: no signature is asked for. */
    TagVerification NONE = (registry, repository, tag, digest) -> Optional.empty();

    /**
     * Why the image of {@code tag} ({@code digest}) in {@code repository} must not run, read through
     * {@code registry}; empty when it may.
     */
    Optional<String> refusal(RegistryClient registry, ImageRepository repository, String tag, String digest);
}
