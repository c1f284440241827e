package io.flotilla.observer.inventory;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.events.DriftMode;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** The observer starts while the cluster {@code late} hangs (see {@link ClusterDownAtStartTestResource}). */
@QuarkusTest
@TestProfile(ClusterDownAtStartProfile.class)
class ClusterDownAtStartTest {

    /** fabric8's default request timeout, and a margin. */
    static final Duration REQUEST_TIMEOUT_PASSED = Duration.ofSeconds(15);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "flotilla.topic-prefix")
    String topicPrefix;

    @Test
    void clusterDownWhenTheObserverStartsIsInventoriedAndItsReleaseFollowedOnceItAnswers() throws InterruptedException {
        SimulatedCluster late = ClusterDownAtStartTestResource.fleet().cluster("late");
        applyGreetingRelease();
        // The observer starts its watches of every cluster at once; the hanging one's take their full timeout.
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertThat(cluster("late").getBoolean("reachable")).isFalse();
            JsonPath up = cluster("up");
            assertThat(up.getBoolean("reachable")).isTrue();
            assertThat(up.getList("nodes.name", String.class)).contains("up-control-plane");
            assertThat(asAdmin().when().get("/api/releases?cluster=late").then().statusCode(200).extract().jsonPath()
                    .getList("name", String.class)).containsExactly("greeting");
        });

        // Held past the clients' request timeout (10 s), so the watches' first lists fail rather than wait.
        Thread.sleep(REQUEST_TIMEOUT_PASSED.toMillis());
        late.answerAgain();

        // The watches retry on their own, after an interval that grew while the cluster was down.
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonPath cluster = cluster("late");
            assertThat(cluster.getBoolean("reachable")).isTrue();
            assertThat(cluster.getString("kubernetesVersion")).startsWith("v1.");
            assertThat(cluster.getList("nodes.name", String.class)).contains("late-control-plane");
            assertThat(cluster.getMap("workloads.find { it.name == 'web' }")).containsEntry("kind", "Deployment")
                    .containsEntry("desired", 2);
        });
        late.client().configMaps().inNamespace("default").withName("greeting")
                .edit(map -> { map.getData().put("greeting", "changed behind Flotilla's back"); return map; });
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(asAdmin().when().get("/api/drift").then()
                .statusCode(200).extract().jsonPath().getList("find { it.cluster == 'late' }.objects.fields", List.class))
                .containsExactly(List.of("/data/greeting")));
    }

    /** The release {@code greeting} on {@code late}, rendered and applied as the renderer and applier tell it. */
    private void applyGreetingRelease() {
        List<Map<String, Object>> objects = List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "greeting"), "data", Map.of("greeting", "hello")));
        ReleaseKey key = new ReleaseKey("late", "default", "greeting");
        Envelope<ReleaseRendered> rendered = Envelope.first("renderer", ReleaseRendered.builder().release(key)
                .format(ReleaseFormat.FLUX_V1).repository("/srv/fleet").sourceSha("c0ffee1")
                .sourceFile("releases/prod/greeting.yaml").chart("greeting", "1.0.0").chartDigest("chart")
                .valuesDigest("values").inputDigest("input-1").objects(objects)
                .options(ReleaseOptions.builder().driftDetection(DriftMode.WARN).build()).build());
        Envelope<ReleaseApplied> applied = Envelope.causedBy(rendered, "applier", new ReleaseApplied(key, 1,
                Outcome.Ready, "c0ffee1", "releases/prod/greeting.yaml", "greeting", "1.0.0", "input-1",
                List.of(ObjectResult.applied(new ObjectRef("v1", "ConfigMap", "default", "greeting"))), 40,
                Instant.now(), null));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topicPrefix + "rendered", rendered.key(), EventCodec.encode(rendered)));
            producer.send(new ProducerRecord<>(topicPrefix + "applied", applied.key(), EventCodec.encode(applied)));
        }
    }

    private static JsonPath cluster(String cluster) {
        return asAdmin().when().get("/api/clusters/" + cluster).then().statusCode(200).extract().jsonPath();
    }
}
