package io.flotilla.renderer.release;

import java.util.Map;
import java.util.Set;

import io.flotilla.events.ReleaseFormat;

/** What a YAML document of the repository is to Flotilla, told by its {@code apiVersion} and {@code kind}. */
enum DocumentRole {
    FLUX_V1_HELM_RELEASE,
    FLUX_V2_HELM_RELEASE,
    /** A Flux source (GitRepository, HelmRepository, OCIRepository...): it says where charts are, it is not applied. */
    FLUX_SOURCE,
    /** A Flux v2 Kustomization: a folder of the repository built by kustomize, one release. */
    FLUX_KUSTOMIZATION,
    MANIFEST,
    /**
     * No apiVersion or kind, such as a values file, or kustomize's own {@code kustomization.yaml} and components:
     * not a Kubernetes object.
     */
    NOT_AN_OBJECT;

    private static final Set<String> FLUX_V2_VERSIONS = Set.of(
            ReleaseFormat.FLUX_V2.wire(), "helm.toolkit.fluxcd.io/v2beta2", "helm.toolkit.fluxcd.io/v2beta1");
    private static final String FLUX_SOURCE_GROUP = "source.toolkit.fluxcd.io/";
    private static final Set<String> FLUX_KUSTOMIZATION_VERSIONS = Set.of(
            ReleaseFormat.KUSTOMIZATION.wire(), "kustomize.toolkit.fluxcd.io/v1beta2");
    private static final String KUSTOMIZE_CONFIG_GROUP = "kustomize.config.k8s.io/";

    /**
     * Whether Flotilla reads a document of this role as a declaration (a HelmRelease, a Flux source, a
     * Kustomization), in a file or in what a kustomize build makes, rather than applying it as an object.
     */
    boolean declares() {
        return this == FLUX_V1_HELM_RELEASE || this == FLUX_V2_HELM_RELEASE || this == FLUX_SOURCE
                || this == FLUX_KUSTOMIZATION;
    }

    static DocumentRole of(Object document) {
        if (!(document instanceof Map<?, ?> map)
                || !(map.get("apiVersion") instanceof String apiVersion) || apiVersion.isEmpty()
                || !(map.get("kind") instanceof String kind) || kind.isEmpty()) {
            return NOT_AN_OBJECT;
        }
        boolean helmRelease = kind.equals("HelmRelease");
        if (helmRelease && apiVersion.equals(ReleaseFormat.FLUX_V1.wire())) {
            return FLUX_V1_HELM_RELEASE;
        }
        if (helmRelease && FLUX_V2_VERSIONS.contains(apiVersion)) {
            return FLUX_V2_HELM_RELEASE;
        }
        if (apiVersion.startsWith(FLUX_SOURCE_GROUP)) {
            return FLUX_SOURCE;
        }
        if (kind.equals("Kustomization") && FLUX_KUSTOMIZATION_VERSIONS.contains(apiVersion)) {
            return FLUX_KUSTOMIZATION;
        }
        if (apiVersion.startsWith(KUSTOMIZE_CONFIG_GROUP)) {
            return NOT_AN_OBJECT;
        }
        return MANIFEST;
    }
}
