package io.flotilla.renderer.cluster;

import java.util.List;

/**
 * What Helm's {@code .Capabilities} says of a target cluster.
 *
 * @param kubeVersion the Kubernetes version for {@code .Capabilities.KubeVersion}; null for Helm's default
 * @param apiVersions what the cluster serves for {@code .Capabilities.APIVersions}, as discovery lists it
 *                    ({@code group/version} and {@code group/version/Kind}); empty for Helm's defaults
 */
public record Capabilities(String kubeVersion, List<String> apiVersions) {

    /** A cluster the observer has not described yet: Helm's defaults. */
    public static final Capabilities HELM_DEFAULTS = new Capabilities(null, List.of());

    public Capabilities {
        apiVersions = apiVersions == null ? List.of() : List.copyOf(apiVersions);
    }
}
