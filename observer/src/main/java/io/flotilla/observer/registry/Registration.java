package io.flotilla.observer.registry;

import java.time.Instant;
import java.util.Map;

import io.flotilla.clusters.RegisteredCluster;

/**
 * A registered cluster as the API answers it: everything but its credentials, which no answer carries.
 *
 * @param source {@code kubeconfig}, {@code api} or {@code secret}
 */
public record Registration(String name, Map<String, String> labels, String server, String source,
        Instant registeredAt) {

    public static Registration of(RegisteredCluster cluster) {
        return new Registration(cluster.name(), cluster.labels(), cluster.server(), cluster.source(),
                cluster.registeredAt());
    }
}
