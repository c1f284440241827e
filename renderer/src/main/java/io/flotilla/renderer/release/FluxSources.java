package io.flotilla.renderer.release;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Flux sources a repository defines, which v2 HelmReleases name in their {@code sourceRef}. A source
 * without a name cannot be referred to: the HelmRelease naming it reports it as not defined.
 */
final class FluxSources {

    static final String GIT_REPOSITORY = "GitRepository";

    private final Set<String> gitRepositories = new HashSet<>();

    void add(Map<String, Object> source) {
        if (GIT_REPOSITORY.equals(source.get("kind"))
                && source.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("name") instanceof String name) {
            String namespace = metadata.get("namespace") instanceof String given && !given.isEmpty()
                    ? given
                    : HelmReleaseIdentity.DEFAULT_NAMESPACE;
            gitRepositories.add(namespace + "/" + name);
        }
    }

    /** GitRepositories as {@code namespace/name}. */
    Set<String> gitRepositories() {
        return Set.copyOf(gitRepositories);
    }
}
