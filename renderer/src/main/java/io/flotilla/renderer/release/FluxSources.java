package io.flotilla.renderer.release;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Flux sources a repository defines, which v2 HelmReleases name in their {@code sourceRef}. A source
 * without a name cannot be referred to: the HelmRelease naming it reports it as not defined.
 */
final class FluxSources {

    static final String GIT_REPOSITORY = "GitRepository";
    static final String HELM_REPOSITORY = "HelmRepository";

    private final Set<String> gitRepositories = new HashSet<>();
    private final Map<String, Map<String, Object>> helmRepositories = new HashMap<>();

    void add(Map<String, Object> source) {
        if (HELM_REPOSITORY.equals(source.get("kind"))
                && source.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("name") instanceof String name) {
            String namespace = metadata.get("namespace") instanceof String given && !given.isEmpty()
                    ? given
                    : HelmReleaseIdentity.DEFAULT_NAMESPACE;
            helmRepositories.putIfAbsent(namespace + "/" + name, source);
        }
        if (GIT_REPOSITORY.equals(source.get("kind"))
                && source.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("name") instanceof String name) {
            String namespace = metadata.get("namespace") instanceof String given && !given.isEmpty()
                    ? given
                    : HelmReleaseIdentity.DEFAULT_NAMESPACE;
            gitRepositories.add(namespace + "/" + name);
        }
    }

    /** The HelmRepository named {@code namespace/name}, if the repository defines it. */
    Optional<Fields> helmRepository(String namespacedName) {
        return Optional.ofNullable(helmRepositories.get(namespacedName)).map(Fields::new);
    }

    /** GitRepositories as {@code namespace/name}. */
    Set<String> gitRepositories() {
        return Set.copyOf(gitRepositories);
    }
}
