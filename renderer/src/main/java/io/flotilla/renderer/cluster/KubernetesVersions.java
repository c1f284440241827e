package io.flotilla.renderer.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.flotilla.events.ClusterState;

/**
 * The Kubernetes version of each cluster, as the observer last reported it on the clusters topic. Helm renders
 * {@code .Capabilities.KubeVersion} from it; a cluster not reported yet renders with Helm's default. A cluster
 * that became unreachable keeps the version it had: it did not change by going away.
 */
public final class KubernetesVersions {

    private final Map<String, String> versions = new ConcurrentHashMap<>();

    public void observed(ClusterState state) {
        if (state.cluster() != null && state.kubernetesVersion() != null && !state.kubernetesVersion().isBlank()) {
            versions.put(state.cluster(), state.kubernetesVersion().trim());
        }
    }

    /** The version of {@code cluster}, empty when it is not known yet. */
    public Optional<String> of(String cluster) {
        return Optional.ofNullable(versions.get(cluster));
    }
}
