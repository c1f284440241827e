package io.flotilla.renderer.kafka;

import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV1;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.imageTag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.ClusterState;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Topic;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.cluster.ClusterCapabilities;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class RendererServiceTest {

    @Inject
    ClusterCapabilities capabilities;

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
    void rendersACommitFromKafkaIntoReleasesForEveryTargetedCluster() {
        Envelope<CommitDetected> commit;
        try (ConfigRepository repo = ConfigRepository.in(temp.resolve("fleet"))) {
            commit = Envelope.first("git-watcher", repo.chart("app", "charts/app")
                    .write("releases/dev/shop.yaml", fluxV1("shop", "cart", "charts/app", imageTag("2.5.0")))
                    .write("common/shop/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n")
                    .commit("the shop"));
        }

        topics.publish(commit);

        List<ConsumerRecord<String, String>> rendered = await().atMost(Duration.ofSeconds(60))
                .until(() -> recordsOf(Topic.RENDERED, commit.correlationId()), records -> records.size() >= 3);
        assertThat(rendered).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                "dev/shop/shop-cart", "dev/default/common-shop", "prod/default/common-shop");
        for (ConsumerRecord<String, String> record : rendered) {
            Envelope<ReleaseRendered> event = EventCodec.decode(record.value(), ReleaseRendered.class);
            assertThat(event.key()).isEqualTo(record.key());
            assertThat(event.source()).isEqualTo("renderer");
            assertThat(event.payload().error()).isNull();
            assertThat(event.payload().sourceSha()).isEqualTo(commit.payload().sha());
        }
        ReleaseRendered cart = EventCodec.decode(rendered.stream().filter(r -> r.key().equals("dev/shop/shop-cart"))
                .findFirst().orElseThrow().value(), ReleaseRendered.class).payload();
        assertThat(cart.objects().objects()).extracting(object -> object.get("kind"))
                .containsExactly("ConfigMap", "Service", "Deployment");
    }

    @Test
    void sendsARecordThatIsNotACommitToTheDeadLetterTopicAndRendersTheNextCommit() {
        String garbageKey = "not-a-commit-" + UUID.randomUUID();
        topics.publishRecord(Topic.COMMITS, null, garbageKey, "{\"this\": \"is not an event\"}", Map.of());
        Envelope<CommitDetected> commit;
        try (ConfigRepository repo = ConfigRepository.in(temp.resolve("fleet"))) {
            commit = Envelope.first("git-watcher", repo
                    .write("clusters/prod/quota.yaml", "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: quota\n")
                    .commit("a quota for prod"));
        }
        topics.publish(commit);

        await().atMost(Duration.ofSeconds(60)).until(() -> topics.all(Topic.DLQ).stream()
                .anyMatch(record -> garbageKey.equals(record.key())));
        List<ConsumerRecord<String, String>> rendered = await().atMost(Duration.ofSeconds(60))
                .until(() -> recordsOf(Topic.RENDERED, commit.correlationId()), records -> !records.isEmpty());
        assertThat(rendered).extracting(ConsumerRecord::key).containsExactly("prod/default/clusters-prod");
    }

    @Test
    void rendersTheKubernetesVersionTheObserverReportsForACluster() {
        Envelope<ClusterState> state = Envelope.first("observer",
                new ClusterState("dev", true, "v1.19.4", 1, 1, 0, 0, Instant.now()));
        topics.publish(state);
        await().atMost(Duration.ofSeconds(60)).until(() -> capabilities.of("dev").kubeVersion() != null);
        Envelope<CommitDetected> commit;
        try (ConfigRepository repo = ConfigRepository.in(temp.resolve("fleet"))) {
            commit = Envelope.first("git-watcher", repo.chart("hooks", "charts/hooks")
                    .write("releases/dev/db.yaml", fluxV1("data", "db", "charts/hooks", ""))
                    .commit("a database"));
        }
        topics.publish(commit);

        List<ConsumerRecord<String, String>> rendered = await().atMost(Duration.ofSeconds(60))
                .until(() -> recordsOf(Topic.RENDERED, commit.correlationId()), records -> !records.isEmpty());
        ReleaseRendered db = EventCodec.decode(rendered.get(0).value(), ReleaseRendered.class).payload();
        assertThat(db.objects().objects()).filteredOn(object -> "Service".equals(object.get("kind")))
                .singleElement().extracting(object -> ((Map<?, ?>) object.get("metadata")).get("annotations"))
                .isEqualTo(Map.of("kube-version", "v1.19.4"));
    }

    @Test
    void isReadyAndAlive() {
        RestAssured.get("/q/health/ready").then().statusCode(200);
        RestAssured.get("/q/health/live").then().statusCode(200);
    }

    private List<ConsumerRecord<String, String>> recordsOf(Topic topic, String correlationId) {
        return topics.all(topic).stream()
                .filter(record -> EventCodec.decode(record.value()).correlationId().equals(correlationId))
                .toList();
    }
}
