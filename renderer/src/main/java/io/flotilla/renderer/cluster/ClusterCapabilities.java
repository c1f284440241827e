package io.flotilla.renderer.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.flotilla.events.ClusterState;

/**
 * The Kubernetes version and API versions of each cluster, as the observer last reported them on the clusters
 * topic. Helm renders {@code .Capabilities} from them; what is not reported yet renders with Helm's defaults.
 * A cluster that became unreachable keeps what it had: it did not change by going away.
 */
public final class ClusterCapabilities {

    private final Map<String, String> versions = new ConcurrentHashMap<>();
    private final Map<String, List<String>> apiVersions = new ConcurrentHashMap<>();

    public void observed(ClusterState state) {
        if (state.cluster() == null) {
            return;
        }
        if (state.kubernetesVersion() != null && !state.kubernetesVersion().isBlank()) {
            versions.put(state.cluster(), state.kubernetesVersion().trim());
        }
        if (!state.apiVersions().isEmpty()) {
            apiVersions.put(state.cluster(), state.apiVersions());
        }
    }

    /** The capabilities of {@code cluster}, Helm's defaults for what is not known yet. */
    public Capabilities of(String cluster) {
        return new Capabilities(versions.get(cluster), apiVersions.getOrDefault(cluster, List.of()));
    }
}
