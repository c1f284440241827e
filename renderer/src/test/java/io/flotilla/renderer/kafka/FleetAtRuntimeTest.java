package io.flotilla.renderer.kafka;

import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV1;
import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.ClusterRegistered;
import io.flotilla.events.ClusterRemoved;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Topic;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Clusters registered and removed on the clusters topic while the renderer runs: a cluster that joins gets what
 * targets it without a commit, one that leaves gets no removal; {@code GET /api/targeting} says where releases go.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class FleetAtRuntimeTest {

    @TempDir
    Path temp;

    private FlotillaTopics topics;

    @BeforeEach
    void connect() {
        topics = FlotillaTopics.ofService();
    }

    @AfterEach
    void disconnect() {
        topics.close();
    }

    @Test
    void rendersForAClusterThatJoinsAndRemovesNothingFromOneThatLeaves() {
        Envelope<CommitDetected> commit;
        Envelope<CommitDetected> deletion;
        try (ConfigRepository repo = ConfigRepository.in(temp.resolve("fleet"))) {
            commit = Envelope.first("git-watcher", repo.chart("app", "charts/app").write("flotilla.yaml", """
                    apiVersion: flotilla.io/v1
                    kind: Targeting
                    targets:
                      - name: europe
                        paths: ["europe/**"]
                        clusters: {matchLabels: {region: eu}}
                    """).write("europe/shop.yaml", fluxV1("shop", "cart", "charts/app", ""))
                    .commit("the shop, for clusters in europe"));
            deletion = Envelope.first("git-watcher", repo.delete("europe/shop.yaml")
                    .write("clusters/dev/quota.yaml", "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\n")
                    .commit("no more shop; a quota on dev"));
        }
        topics.publish(commit);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> asAdmin().get("/api/targeting").then()
                .statusCode(200)
                .body("find { it.repository == '%s' }.warnings.message".formatted(commit.payload().repository()),
                        hasItem("europe/shop.yaml: release shop/shop-cart goes to no cluster: entry 'europe' of"
                                + " flotilla.yaml (line 4) selects none of the fleet")));
        assertThat(recordsOf(commit.correlationId())).as("no cluster in europe yet: nothing").isEmpty();

        topics.publish(Envelope.first("observer", new ClusterRegistered("eu-1", Map.of("region", "eu"),
                "https://eu-1.example.com:6443", "api", Instant.now(), null)));

        ReleaseRendered joined = await().atMost(Duration.ofSeconds(60))
                .until(() -> recordsOf(commit.correlationId()), records -> !records.isEmpty()).stream()
                .map(record -> EventCodec.decode(record.value(), ReleaseRendered.class).payload())
                .filter(rendering -> rendering.release().toString().equals("eu-1/shop/shop-cart")).findFirst()
                .orElseThrow();
        assertThat(joined.error()).isNull();
        assertThat(joined.objectCount()).isEqualTo(3);

        topics.publish(Envelope.first("observer", new ClusterRemoved("eu-1", false, Instant.now())));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> asAdmin().get("/api/targeting").then()
                .body("find { it.repository == '%s' }.entries[0].clusters".formatted(commit.payload().repository()),
                        empty()));
        topics.publish(deletion);

        List<ConsumerRecord<String, String>> afterLeaving = await().atMost(Duration.ofSeconds(60))
                .until(() -> recordsOf(deletion.correlationId()), records -> !records.isEmpty());
        assertThat(afterLeaving).extracting(ConsumerRecord::key).as("eu-1 left: no removal published for it")
                .containsExactly("dev/default/clusters-dev");
    }

    private List<ConsumerRecord<String, String>> recordsOf(String correlationId) {
        return topics.all(Topic.RENDERED).stream()
                .filter(record -> EventCodec.decode(record.value()).correlationId().equals(correlationId))
                .toList();
    }
}
