package io.flotilla.renderer.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.flotilla.events.ClusterState;

/**
 * The Kubernetes version and API versions of each cluster, as the observer last reported them on the clusters
 * topic. Helm renders {@code .Capabilities} from them. A cluster is known once its Kubernetes version is
 * reported; until then a chart that asks for capabilities is not rendered for it (Helm's default v1.20.0 would
 * fail or mislead a chart that checks {@code kubeVersion}). A cluster that became unreachable keeps what it had:
 * it did not change by going away.
 */
public final class ClusterCapabilities {

    private final Map<String, String> versions = new ConcurrentHashMap<>();
    private final Map<String, List<String>> apiVersions = new ConcurrentHashMap<>();

    /**
     * Takes in a cluster's state.
     *
     * @return whether the cluster's capabilities changed and are known: its releases that ask for them render again
     */
    public synchronized boolean observed(ClusterState state) {
        if (state.cluster() == null) {
            return false;
        }
        Capabilities before = of(state.cluster());
        if (state.kubernetesVersion() != null && !state.kubernetesVersion().isBlank()) {
            versions.put(state.cluster(), state.kubernetesVersion().trim());
        }
        if (!state.apiVersions().isEmpty()) {
            apiVersions.put(state.cluster(), state.apiVersions());
        }
        return known(state.cluster()) && !of(state.cluster()).equals(before);
    }

    /** Whether the cluster's Kubernetes version has been reported. */
    public boolean known(String cluster) {
        return versions.containsKey(cluster);
    }

    /** The capabilities of {@code cluster}, Helm's defaults for what is not known yet. */
    public Capabilities of(String cluster) {
        return new Capabilities(versions.get(cluster), apiVersions.getOrDefault(cluster, List.of()));
    }
}
