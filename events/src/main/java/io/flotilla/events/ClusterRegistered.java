package io.flotilla.events;

import java.time.Instant;
import java.util.Map;

/**
 * A cluster joined the fleet, or its labels or credentials changed: the registry's record of it, on the clusters
 * topic under {@link #registrationKey}, so that compaction keeps a cluster's last registration beside its last
 * {@link ClusterState}. A later registration of the same name replaces the earlier one.
 *
 * @param labels       such as {@code env=prod}, {@code region=eu}; valid Kubernetes labels
 * @param server       the API server's address, for people (never a credential)
 * @param source       how it was registered: {@code kubeconfig} (given at start), {@code api} (the API or the CLI),
 *                     {@code secret} (a cluster Secret where Flotilla runs in Kubernetes)
 * @param registeredAt when the cluster first joined; a relabelling keeps it
 * @param credentials  a kubeconfig with this one cluster's context, sealed with the key ring for this cluster
 *                     ({@code clusters.CredentialSeal}); only services that connect to clusters open it
 */
public record ClusterRegistered(
        String cluster,
        Map<String, String> labels,
        String server,
        String source,
        Instant registeredAt,
        String credentials) implements Event {

    public ClusterRegistered {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    @Override
    public String key() {
        return registrationKey(cluster);
    }

    /** The key of a cluster's registrations and removal on the clusters topic. */
    public static String registrationKey(String cluster) {
        return cluster + "/registration";
    }

    @Override
    public String toString() {
        return "ClusterRegistered[cluster=" + cluster + ", labels=" + labels + ", server=" + server + ", source="
                + source + ", registeredAt=" + registeredAt + ", credentials=(sealed)]";
    }
}
