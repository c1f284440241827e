package io.flotilla.clusters;

import java.time.Instant;
import java.util.Map;

import io.flotilla.events.ClusterRef;

/**
 * A cluster of the fleet as a service knows it: its name, labels and registration, and, for services that connect
 * to it, a kubeconfig of its own context ({@code kubeconfig}); null where the credentials were not unsealed (the
 * renderer never needs them).
 */
public record RegisteredCluster(String name, Map<String, String> labels, String server, String source,
        Instant registeredAt, String kubeconfig) {

    public RegisteredCluster {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public ClusterRef ref() {
        return new ClusterRef(name, labels);
    }

    /** The same cluster with other labels, as a relabelling leaves it. */
    public RegisteredCluster withLabels(Map<String, String> newLabels) {
        return new RegisteredCluster(name, newLabels, server, source, registeredAt, kubeconfig);
    }

    @Override
    public String toString() {
        return "RegisteredCluster[name=" + name + ", labels=" + labels + ", server=" + server + ", source=" + source
                + ", registeredAt=" + registeredAt + "]";
    }
}
