package io.flotilla.observer.drift;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.embedded.clusters.SimulatedFleet;
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
import io.flotilla.testing.quarkus.FleetTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Two clusters of their own: {@code stuck} hangs (takes requests and never answers) while the observer has to read
 * objects of it, each until the request times out, and a drift on {@code calm} is reported all the same.
 */
@QuarkusTest
@TestProfile(DriftWhileAClusterHangsTest.Profile.class)
class DriftWhileAClusterHangsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "flotilla.topic-prefix")
    String topicPrefix;

    @Test
    void aDriftIsReportedWhileAnotherClusterHangs() {
        SimulatedCluster stuck = Fleet.fleet.cluster("stuck");
        SimulatedCluster calm = Fleet.fleet.cluster("calm");
        release("stuck", "first");
        release("calm", "greeting");
        Envelope<ReleaseRendered> second = rendered("stuck", "second", "second-a", "second-b", "second-c");
        send("rendered", second);
        // first drifted from the start: once reported, stuck's ConfigMaps are listed, those of second by their names.
        await().untilAsserted(() -> {
            assertThat(driftedFields("stuck", "first")).containsExactly(List.of("/data/greeting"));
            assertThat(asAdmin().when().get("/api/releases/stuck/default/second/history").then().statusCode(200).extract()
                    .jsonPath().getList("type", String.class)).contains("ReleaseRendered");
        });

        stuck.hang();
        send("applied", applied(second));
        await().untilAsserted(() -> assertThat(asAdmin().when().get("/api/releases?cluster=stuck").then().statusCode(200)
                .extract().jsonPath().getList("name", String.class)).contains("second"));
        calm.client().configMaps().inNamespace("default").withName("greeting")
                .edit(map -> { map.getData().put("greeting", "changed behind Flotilla's back"); return map; });

        await().untilAsserted(() -> assertThat(driftedFields("calm", "greeting"))
                .containsExactly(List.of("/data/greeting")));
        stuck.answerAgain();
    }

    /** The release {@code name}: a ConfigMap of its name. */
    private void release(String cluster, String name) {
        Envelope<ReleaseRendered> rendered = rendered(cluster, name, name);
        send("rendered", rendered);
        send("applied", applied(rendered));
    }

    /** ConfigMaps saying hello, in {@code default}. */
    private static Envelope<ReleaseRendered> rendered(String cluster, String name, String... configMaps) {
        List<Map<String, Object>> objects = Stream.of(configMaps).<Map<String, Object>>map(configMap -> Map.of(
                "apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", configMap),
                "data", Map.of("greeting", "hello"))).toList();
        return Envelope.first("renderer", ReleaseRendered.builder().release(new ReleaseKey(cluster, "default", name))
                .format(ReleaseFormat.FLUX_V1).repository("/srv/fleet").sourceSha("c0ffee1")
                .sourceFile("releases/prod/" + name + ".yaml").chart(name, "1.0.0").chartDigest("chart")
                .valuesDigest("values").inputDigest("input-" + name).objects(objects)
                .options(ReleaseOptions.builder().driftDetection(DriftMode.WARN).build()).build());
    }

    private static Envelope<ReleaseApplied> applied(Envelope<ReleaseRendered> rendered) {
        ReleaseKey key = rendered.payload().release();
        List<ObjectResult> results = rendered.payload().objects().objects().stream().map(object -> ObjectResult.applied(
                new ObjectRef("v1", "ConfigMap", "default", ((Map<?, ?>) object.get("metadata")).get("name").toString())))
                .toList();
        return Envelope.causedBy(rendered, "applier", new ReleaseApplied(key, 1, Outcome.Ready, "c0ffee1",
                rendered.payload().sourceFile(), key.name(), "1.0.0", rendered.payload().inputDigest(), results, 40,
                Instant.now(), null));
    }

    private void send(String topic, Envelope<?> envelope) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topicPrefix + topic, envelope.key(), EventCodec.encode(envelope)));
        }
    }

    /** The fields of each drifted object of the release, as the API shows them. */
    private static List<Object> driftedFields(String cluster, String name) {
        return asAdmin().when().get("/api/drift").then().statusCode(200).extract().jsonPath()
                .getList("find { it.cluster == '" + cluster + "' && it.name == '" + name + "' }.objects.fields");
    }

    /**
     * The fleet of {@link Fleet} alone, and topics and tables of its own so no other test's releases and registered
     * clusters reach it.
     */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class),
                    new TestResourceEntry(PostgresTestResource.class), new TestResourceEntry(Fleet.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flotilla.topic-prefix", "flotilla-cluster-hangs.",
                    "quarkus.hibernate-orm.database.default-schema", "observer_cluster_hangs");
        }
    }

    /**
     * {@code calm} holds the ConfigMap {@code greeting} as applied; {@code stuck} holds {@code first}, changed since
     * it was applied, and the three of release {@code second} as applied.
     */
    public static class Fleet extends FleetTestResource {

        static volatile SimulatedFleet fleet;

        @Override
        protected Map<String, Map<String, String>> clusters() {
            Map<String, Map<String, String>> clusters = new LinkedHashMap<>();
            clusters.put("calm", Map.of("env", "dev"));
            clusters.put("stuck", Map.of("env", "prod"));
            return clusters;
        }

        @Override
        protected void started(SimulatedFleet running) {
            applyGreeting(running.cluster("calm"), "greeting", "hello", "flotilla");
            applyGreeting(running.cluster("stuck"), "first", "changed since", "kubectl");
            Stream.of("second-a", "second-b", "second-c")
                    .forEach(name -> applyGreeting(running.cluster("stuck"), name, "hello", "flotilla"));
            fleet = running;
        }

        @Override
        protected void stopped() {
            fleet = null;
        }

        private static void applyGreeting(SimulatedCluster cluster, String name, String greeting, String manager) {
            cluster.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                    .withNewMetadata().withName(name).endMetadata().addToData("greeting", greeting).build())
                    .fieldManager(manager).forceConflicts().serverSideApply();
        }
    }
}
