package io.flotilla.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a release came from: a HelmRelease of either Flux version, or a folder of plain manifests. */
public enum ReleaseFormat implements WireName {
    FLUX_V1,
    FLUX_V2,
    /** A Flux v2 Kustomization ({@code kustomize.toolkit.fluxcd.io/v1}): a folder built by kustomize. */
    KUSTOMIZATION,
    /** A folder of plain Kubernetes objects, applied as one release without Helm's records. */
    MANIFESTS;

    @JsonValue
    @Override
    public String wire() {
        return switch (this) {
            case FLUX_V1 -> "helm.fluxcd.io/v1";
            case FLUX_V2 -> "helm.toolkit.fluxcd.io/v2";
            case KUSTOMIZATION -> "kustomize.toolkit.fluxcd.io/v1";
            case MANIFESTS -> "manifests";
        };
    }

    @JsonCreator
    public static ReleaseFormat of(String wire) {
        return WireName.parse(values(), wire, "release format");
    }
}
