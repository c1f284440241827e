package io.flotilla.applier.slots;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.applier.Fleets;
import io.flotilla.applier.cluster.ClientSettings;
import io.flotilla.applier.cluster.ClusterClients;
import io.flotilla.embedded.clusters.ReceivedRequest;
import io.flotilla.embedded.clusters.SimulatedFleet;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two applier instances' clients of one cluster, each with a request budget of its own over the applier's PostgreSQL,
 * as two pods have: the cluster receives no more than {@code requests-per-second} in all, counted over every second
 * of what it received.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(ClustersTestResource.class)
class SharedRequestRateTest {

    static final int PER_SECOND = 10;
    static final int REQUESTS_EACH = 4 * PER_SECOND;

    @TempDir
    Path dir;

    SimulatedFleet fleet;
    String cluster;

    @BeforeEach
    void startTheCluster() {
        cluster = "budget-" + UUID.randomUUID().toString().substring(0, 8);
        fleet = SimulatedFleet.start(Map.of(cluster, Map.of()));
        fleet.writeKubeconfig(dir.resolve("kubeconfig"));
    }

    @AfterEach
    void stopTheCluster() {
        fleet.close();
    }

    @Test
    void twoInstancesTogetherSendAClusterNoMoreThanItsRequestsPerSecond() throws Exception {
        String name = "absent-" + UUID.randomUUID().toString().substring(0, 8);
        try (ClusterClients first = instance(); ClusterClients second = instance()) {
            ExecutorService senders = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < REQUESTS_EACH; i++) {
                    for (ClusterClients instance : List.of(first, second)) {
                        sent.add(senders.submit(() -> instance.client(cluster).configMaps().inNamespace("default")
                                .withName(name).get()));
                    }
                }
                for (Future<?> request : sent) {
                    request.get(120, TimeUnit.SECONDS);
                }
            } finally {
                senders.shutdownNow();
            }
        }

        List<Long> received = fleet.cluster(cluster).receivedRequests().stream()
                .filter(request -> request.path().contains(name)).map(ReceivedRequest::receivedNanos).sorted().toList();
        assertThat(received).hasSize(2 * REQUESTS_EACH);
        // One bucket for both: a second's worth at once, then the rate. Within any second the cluster sees at most
        // two seconds' worth (the burst and the refill), and half a second's more for requests that reach it unevenly;
        // two buckets of their own let through twice as much (each its burst and its refill).
        assertThat(mostInOneSecond(received)).isLessThanOrEqualTo(2 * PER_SECOND + PER_SECOND / 2);
    }

    private ClusterClients instance() {
        return new ClusterClients(Fleets.of(dir.resolve("kubeconfig")), null,
                new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), 0, PER_SECOND),
                new PostgresRequestBudget());
    }

    /** The most requests received within one second of each other. */
    private static int mostInOneSecond(List<Long> received) {
        int most = 0;
        int from = 0;
        for (int to = 0; to < received.size(); to++) {
            while (received.get(to) - received.get(from) >= TimeUnit.SECONDS.toNanos(1)) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }
}
