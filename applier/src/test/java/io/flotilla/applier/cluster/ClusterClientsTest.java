package io.flotilla.applier.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.Fleets;
import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.embedded.clusters.ReceivedRequest;
import io.flotilla.embedded.clusters.SimulatedFleet;

class ClusterClientsTest {

    @TempDir
    static Path dir;

    private static SimulatedFleet fleet;
    private static Path kubeconfig;
    private static ClusterClients clusters;

    @BeforeAll
    static void startFleet() {
        Map<String, Map<String, String>> contexts = new LinkedHashMap<>();
        contexts.put("dev", Map.of("env", "dev"));
        contexts.put("prod", Map.of("env", "prod"));
        fleet = SimulatedFleet.start(contexts);
        kubeconfig = dir.resolve("kubeconfig");
        fleet.writeKubeconfig(kubeconfig);
        clusters = new ClusterClients(Fleets.of(kubeconfig), null,
                new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), 0, 1000));
    }

    @AfterAll
    static void stopFleet() {
        clusters.close();
        fleet.close();
    }

    @Test
    void eachClusterIsReachedThroughItsOwnContext() {
        clusters.client("prod").configMaps().inNamespace("default")
                .resource(new ConfigMapBuilder().withNewMetadata()
                        .withName("only-on-prod").endMetadata().build())
                .create();

        assertThat(fleet.cluster("prod").client().configMaps().inNamespace("default").withName("only-on-prod").get())
                .isNotNull();
        assertThat(fleet.cluster("dev").client().configMaps().inNamespace("default").withName("only-on-prod").get())
                .isNull();
    }

    @Test
    void aClusterKeepsItsClient() {
        KubernetesClient first = clusters.client("dev");

        assertThat(clusters.client("dev")).isSameAs(first);
    }

    @Test
    void theRequestsToOneClusterAreSpreadAtItsRateBeyondTheFirstSecondsWorth() throws Exception {
        int perSecond = 10;
        int requests = 4 * perSecond;
        long before = System.nanoTime();
        try (ClusterClients throttled = new ClusterClients(Fleets.of(kubeconfig), null,
                new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), 0, perSecond))) {
            KubernetesClient client = throttled.client("dev");
            ExecutorService senders = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    sent.add(senders.submit(() -> client.configMaps().inNamespace("default").withName("absent").get()));
                }
                for (Future<?> request : sent) {
                    request.get(60, TimeUnit.SECONDS);
                }
            } finally {
                senders.shutdownNow();
            }
        }

        List<Long> received = fleet.cluster("dev").receivedRequests().stream()
                .filter(request -> request.receivedNanos() >= before).map(ReceivedRequest::receivedNanos).toList();
        assertThat(received).hasSize(requests);
        // A token bucket lets a second's worth through at once, then one request per 1/rate: the cluster sees the
        // last request no sooner than (requests - rate) / rate seconds after the first; a second less, for leeway.
        Duration spread = Duration.ofNanos(received.get(received.size() - 1) - received.get(0));
        assertThat(spread).isGreaterThanOrEqualTo(Duration.ofSeconds((requests - 2 * perSecond) / perSecond));
    }

    @Test
    void aClusterNotInTheFleetGetsNoClientAndWaitsAsUnreachableNamingTheRegisteredOnes() {
        assertThatThrownBy(() -> clusters.client("staging"))
                .isInstanceOf(UnknownClusterException.class)
                .isInstanceOf(ClusterUnreachableException.class)
                .hasMessage("cluster 'staging' is not registered in the fleet (registered: dev, prod); its releases "
                        + "wait until it joins (flotilla cluster add staging --kubeconfig FILE)");
    }

    @Test
    void aClusterThatJoinsLaterIsReachedAndOneThatLeavesIsNot() {
        Fleet runtime = new Fleet(null);
        try (ClusterClients joining = new ClusterClients(runtime, null,
                new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), 0, 1000))) {
            assertThatThrownBy(() -> joining.client("prod")).isInstanceOf(UnknownClusterException.class);

            runtime.register(registration("prod", "prod"));
            joining.client("prod").configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("joined-later").endMetadata().build()).create();
            runtime.remove("prod", false);

            assertThat(fleet.cluster("prod").client().configMaps().inNamespace("default").withName("joined-later")
                    .get()).isNotNull();
            assertThatThrownBy(() -> joining.client("prod")).isInstanceOf(UnknownClusterException.class);
        }
    }

    @Test
    void newCredentialsBuildTheClientAgainTowardsTheServerTheyName() {
        Fleet runtime = new Fleet(null);
        runtime.register(registration("moving", "dev"));
        try (ClusterClients moving = new ClusterClients(runtime, null,
                new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), 0, 1000))) {
            KubernetesClient before = moving.client("moving");

            runtime.register(registration("moving", "prod"));
            moving.rebuild("moving");

            assertThat(moving.client("moving")).isNotSameAs(before);
            assertThat(moving.serverOf("moving")).hasValueSatisfying(
                    server -> assertThat(server).startsWith(fleet.cluster("prod").url()));
        }
    }

    @Test
    void aClusterLeavingWithItsReleasesToUninstallKeepsItsClientUntilForgotten() {
        Fleet runtime = new Fleet(null);
        RegisteredCluster leaving = registration("leaving", "dev");
        runtime.register(leaving);
        try (ClusterClients clients = new ClusterClients(runtime, null,
                new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), 0, 1000))) {
            runtime.remove("leaving", true);
            clients.keepUntilForgotten(leaving);

            assertThat(clients.client("leaving").configMaps().inNamespace("default").withName("absent").get()).isNull();
            clients.forget("leaving");
            assertThatThrownBy(() -> clients.client("leaving")).isInstanceOf(UnknownClusterException.class);
        }
    }

    /** Cluster {@code name} registered with the credentials of the simulated cluster {@code simulated}. */
    private static RegisteredCluster registration(String name, String simulated) {
        return KubeconfigClusters.registration(kubeconfig, simulated, name, Map.of(), "api", Instant.now());
    }
}
