package io.flotilla.embedded.clusters;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Tests that talk to one simulated cluster, {@code dev}, started for the test class. */
abstract class OnASimulatedCluster {

    static SimulatedCluster cluster;
    static KubernetesClient client;

    @BeforeAll
    static void startCluster() {
        cluster = SimulatedCluster.start("dev", Map.of("env", "dev"));
        client = cluster.client();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }
}
