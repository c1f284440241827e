package io.flotilla.renderer.release;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Flux sources a repository defines, which v2 HelmReleases name in their {@code sourceRef} or
 * {@code chartRef}. A source without a name cannot be referred to: the HelmRelease naming it reports it as not
 * defined. The first definition of a name (in path order) is the one read.
 */
final class FluxSources {

    static final String GIT_REPOSITORY = "GitRepository";
    static final String HELM_REPOSITORY = "HelmRepository";
    static final String OCI_REPOSITORY = "OCIRepository";

    private final DeclaredObjects sources = new DeclaredObjects();

    void add(Map<String, Object> source) {
        sources.add(source);
    }

    /** Every source of {@code kind} in {@code namespace}. */
    List<Fields> all(String kind, String namespace) {
        return sources.all(kind, namespace).stream().map(Fields::new).toList();
    }

    /** The source of {@code kind} named {@code namespace/name}, if the repository defines it. */
    Optional<Fields> source(String kind, String namespacedName) {
        return sources.find(kind, namespacedName).map(Fields::new);
    }
}
