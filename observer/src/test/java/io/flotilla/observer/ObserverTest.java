package io.flotilla.observer;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.CompressedObjects;
import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventType;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The observer fed by a plain Kafka producer, as the other services feed it, and read through its
 * API. Each test works on releases and journeys of its own, so tests do not see each other.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class ObserverTest {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "flotilla.topic-prefix")
    String topicPrefix;

    KafkaProducer<String, String> producer;
    String app;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        app = "app-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void journeyOfACommitShowsEveryEventItCausedInTimeOrder() {
        Envelope<CommitDetected> commit = at(0, Envelope.first("git-watcher", commit("c0ffee1")));
        Envelope<ReleaseRendered> renderedDev = at(1, Envelope.causedBy(commit, "renderer", rendered("dev", "c0ffee1")));
        Envelope<ReleaseRendered> renderedProd = at(2, Envelope.causedBy(commit, "renderer", rendered("prod", "c0ffee1")));
        Envelope<ReleaseApplied> ready = at(3, Envelope.causedBy(renderedDev, "applier",
                applied("dev", 1, Outcome.Ready, "c0ffee1", null)));
        Envelope<ReleaseApplied> failed = at(4, Envelope.causedBy(renderedProd, "applier",
                applied("prod", 1, Outcome.Failed, "c0ffee1", "Deployment apps/" + app + ": image pull secret missing")));

        publish(failed, ready, renderedProd, renderedDev, commit);

        JsonPath journey = awaitJourney(commit.correlationId(), 5);
        assertThat(journey.getList("id", String.class))
                .containsExactly(commit.id(), renderedDev.id(), renderedProd.id(), ready.id(), failed.id());
        assertThat(journey.getList("type", String.class)).containsExactly(
                "CommitDetected", "ReleaseRendered", "ReleaseRendered", "ReleaseApplied", "ReleaseApplied");
        assertThat(journey.getList("source", String.class))
                .containsExactly("git-watcher", "renderer", "renderer", "applier", "applier");
        assertThat(journey.getString("[0].key")).isEqualTo("/srv/fleet");
        assertThat(journey.getString("[0].correlationId")).isEqualTo(commit.correlationId());
        assertThat(journey.getString("[0].time")).isEqualTo(START.toString());
        assertThat(journey.getString("[0].payload.sha")).isEqualTo("c0ffee1");
        assertThat(journey.getList("[0].payload.changedPaths", String.class)).containsExactly("releases/dev/app.yaml");
        assertThat(journey.getString("[1].key")).isEqualTo("dev/apps/" + app);
        assertThat(journey.getString("[1].payload.chartName")).isEqualTo("hello");
        assertThat(journey.getMap("[1].payload")).doesNotContainKey("objects");
        assertThat(journey.getString("[4].payload.outcome")).isEqualTo("Failed");
    }

    @Test
    void readyAndFailedReleasesShowWithTheirChartSourceAndError() {
        publish(applied("dev", 1, Outcome.Ready, "c0ffee1", null),
                applied("prod", 1, Outcome.Failed, "c0ffee1", "releases/prod/app.yaml: chart path 'charts/nope' does not exist"));

        List<Map<String, Object>> releases = awaitReleases(2);

        assertThat(releases).containsExactly(
                release("dev", 1, "Ready", "c0ffee1", null),
                release("prod", 1, "Failed", "c0ffee1", "releases/prod/app.yaml: chart path 'charts/nope' does not exist"));
    }

    @Test
    void newerRevisionReplacesTheOlder() {
        publish(applied("dev", 1, Outcome.Ready, "c0ffee1", null));
        await().untilAsserted(() -> assertThat(releasesOfApp()).containsExactly(release("dev", 1, "Ready", "c0ffee1", null)));

        publish(applied("dev", 2, Outcome.Failed, "c0ffee2", "Deployment apps/x: forbidden"));

        await().untilAsserted(() -> assertThat(releasesOfApp())
                .containsExactly(release("dev", 2, "Failed", "c0ffee2", "Deployment apps/x: forbidden")));
    }

    @Test
    void lateOlderRevisionDoesNotRollTheReleaseBack() {
        Envelope<ReleaseApplied> newer = Envelope.first("applier", applied("dev", 2, Outcome.Ready, "c0ffee2", null));
        Envelope<ReleaseApplied> older = Envelope.first("applier", applied("dev", 1, Outcome.Failed, "c0ffee1", "old"));

        publish(newer, older);

        awaitJourney(older.correlationId(), 1);
        assertThat(releasesOfApp()).containsExactly(release("dev", 2, "Ready", "c0ffee2", null));
    }

    @Test
    void duplicateEventIsStoredOnce() {
        Envelope<CommitDetected> commit = at(0, Envelope.first("git-watcher", commit("c0ffee1")));
        Envelope<ReleaseApplied> applied = at(1, Envelope.causedBy(commit, "applier",
                applied("dev", 1, Outcome.Ready, "c0ffee1", null)));
        Envelope<ReleaseApplied> after = at(2, Envelope.causedBy(commit, "applier",
                applied("dev", 2, Outcome.Ready, "c0ffee1", null)));

        publish(applied, applied, after);

        JsonPath journey = awaitJourney(commit.correlationId(), 2);
        assertThat(journey.getList("id", String.class)).containsExactly(applied.id(), after.id());
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndTheConsumerGoesOn() throws Exception {
        String key = "dev/apps/" + app;
        String garbage = "{this is not an event about " + app;
        ObjectNode withoutRelease = (ObjectNode) EventCodec.mapper().readTree(
                EventCodec.encode(Envelope.first("applier", applied("dev", 1, Outcome.Ready, "c0ffee1", null))));
        ((ObjectNode) withoutRelease.get("payload")).remove("release");
        String incomplete = withoutRelease.toString();
        producer.send(new ProducerRecord<>(topicPrefix + "applied", key, garbage));
        producer.send(new ProducerRecord<>(topicPrefix + "applied", key, incomplete));
        publish(applied("dev", 1, Outcome.Ready, "c0ffee1", null));

        await().untilAsserted(() -> assertThat(releasesOfApp()).containsExactly(release("dev", 1, "Ready", "c0ffee1", null)));
        assertThat(deadLetter(garbage).key()).isEqualTo(key);
        assertThat(deadLetter(incomplete).key()).isEqualTo(key);
    }

    @Test
    void latestEventsComeNewestFirstAndBounded() {
        Instant future = Instant.parse("2100-01-01T00:00:00Z");
        Envelope<ReleaseApplied> older = at(future, Envelope.first("applier", applied("dev", 1, Outcome.Ready, "c0ffee1", null)));
        Envelope<ReleaseApplied> newer = at(future.plusSeconds(1),
                Envelope.first("applier", applied("dev", 2, Outcome.Ready, "c0ffee2", null)));

        publish(older, newer);

        await().untilAsserted(() -> assertThat(asAdmin().queryParam("limit", 2).get("/api/events").then().statusCode(200)
                .extract().jsonPath().getList("id", String.class)).containsExactly(newer.id(), older.id()));
        asAdmin().queryParam("limit", 0).get("/api/events").then().statusCode(400);
    }

    @Test
    void releasesAreOrderedByClusterNamespaceAndName() {
        publish(applied("prod", 1, Outcome.Ready, "c0ffee1", null), applied("dev", 1, Outcome.Ready, "c0ffee1", null),
                new ReleaseApplied(new ReleaseKey("dev", "aaa", app), 1, Outcome.Ready, "c0ffee1", "f.yaml", "hello",
                        "1.0.0", "d", List.of(), 1, START, null));

        await().untilAsserted(() -> assertThat(releasesOfApp()).hasSize(3));
        List<Map<String, Object>> all = asAdmin().when().get("/api/releases").then().statusCode(200).extract().jsonPath().getList("$");
        Comparator<Map<String, Object>> byClusterNamespaceName = Comparator
                .<Map<String, Object>, String>comparing(r -> (String) r.get("cluster"))
                .thenComparing(r -> (String) r.get("namespace"))
                .thenComparing(r -> (String) r.get("name"));
        assertThat(all).isSortedAccordingTo(byClusterNamespaceName);
    }

    @Test
    void reportsReadyAndLive() {
        await().untilAsserted(() -> asAdmin().when().get("/q/health/ready").then().statusCode(200));
        asAdmin().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void releasesFilterByClusterNamespaceAndStatus() {
        publish(applied("dev", 1, Outcome.Ready, "c0ffee1", null),
                applied("prod", 1, Outcome.Failed, "c0ffee1", "image pull secret missing"));
        awaitReleases(2);

        List<String> failedOnProd = asAdmin().queryParam("cluster", "prod").queryParam("namespace", "apps")
                .queryParam("status", "Failed").when().get("/api/releases").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.name == '" + app + "' }.cluster", String.class);
        List<String> readyOnProd = asAdmin().queryParam("cluster", "prod").queryParam("status", "Ready")
                .when().get("/api/releases").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.name == '" + app + "' }.cluster", String.class);

        assertThat(failedOnProd).containsExactly("prod");
        assertThat(readyOnProd).isEmpty();
        asAdmin().queryParam("status", "Fine").when().get("/api/releases").then().statusCode(400);
    }

    @Test
    void historyOfAReleaseShowsItsEventsNewestFirst() {
        publish(at(0, Envelope.first("renderer", rendered("dev", "c0ffee1"))),
                at(5, Envelope.first("applier", applied("dev", 1, Outcome.Ready, "c0ffee1", null))),
                at(9, Envelope.first("applier", applied("dev", 2, Outcome.Failed, "c0ffee2", "timeout"))));

        String path = "/api/releases/dev/apps/" + app + "/history";
        await().untilAsserted(() -> assertThat(asAdmin().when().get(path).then().statusCode(200).extract().jsonPath()
                .getList("type", String.class)).containsExactly("ReleaseApplied", "ReleaseApplied", "ReleaseRendered"));
        assertThat(asAdmin().when().get(path).then().extract().jsonPath().getList("payload.revision", Integer.class))
                .startsWith(2, 1);
    }

    @Test
    void commitShowsWhatItDidOnEveryClusterWithTheLatencyOfEachHop() {
        String sha = "5ca1ab1e" + app.substring(4);
        Envelope<CommitDetected> commit = at(0, Envelope.first("git-watcher", commit(sha)));
        Envelope<ReleaseRendered> renderedDev = at(2, Envelope.causedBy(commit, "renderer", rendered("dev", sha)));
        Envelope<ReleaseRendered> renderedProd = at(3, Envelope.causedBy(commit, "renderer", rendered("prod", sha)));
        Envelope<ReleaseApplied> ready = at(7, Envelope.causedBy(renderedDev, "applier",
                applied("dev", 1, Outcome.Ready, sha, null)));
        Envelope<ReleaseApplied> failed = at(13, Envelope.causedBy(renderedProd, "applier",
                applied("prod", 1, Outcome.Failed, sha, "quota exceeded")));
        publish(commit, renderedDev, renderedProd, ready, failed);
        awaitJourney(commit.correlationId(), 5);

        JsonPath journey = asAdmin().when().get("/api/commits/" + sha).then().statusCode(200).extract().jsonPath();

        assertThat(journey.getString("[0].sha")).isEqualTo(sha);
        assertThat(journey.getList("[0].clusters.cluster", String.class)).containsExactly("dev", "prod");
        assertThat(journey.getInt("[0].clusters[0].ready")).isEqualTo(1);
        assertThat(journey.getLong("[0].clusters[0].commitToAppliedMs")).isEqualTo(7000);
        assertThat(journey.getLong("[0].clusters[0].releases[0].renderMs")).isEqualTo(2000);
        assertThat(journey.getLong("[0].clusters[0].releases[0].applyMs")).isEqualTo(5000);
        assertThat(journey.getInt("[0].clusters[1].failed")).isEqualTo(1);
        assertThat(journey.getString("[0].clusters[1].releases[0].error")).isEqualTo("quota exceeded");
        asAdmin().when().get("/api/commits/0000000").then().statusCode(404);
    }

    @Test
    void commitToAppliedLatencyIsAHistogramAtMetrics() {
        String cluster = "metrics-" + app;
        Envelope<CommitDetected> commit = at(0, Envelope.first("git-watcher", commit("b1a5ed" + app.substring(4))));
        publish(commit);
        awaitJourney(commit.correlationId(), 1);
        publish(at(4, Envelope.causedBy(commit, "applier", applied(cluster, 1, Outcome.Ready, "b1a5ed", null))));

        await().untilAsserted(() -> assertThat(asAdmin().when().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("flotilla_commit_to_applied_seconds_bucket{cluster=\"" + cluster + "\",outcome=\"Ready\"",
                        "flotilla_commit_to_applied_seconds_count{cluster=\"" + cluster + "\",outcome=\"Ready\"} 1"));
    }

    @Test
    void apiIsDescribedByOpenApi() {
        String description = asAdmin().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();

        assertThat(description).contains("/api/clusters", "/api/clusters/{name}", "/api/releases", "/api/drift",
                "/api/commits/{sha}", "/api/events/stream");
    }

    private CommitDetected commit(String sha) {
        return new CommitDetected("/srv/fleet", "main", sha, null, List.of("releases/dev/app.yaml"),
                "Ann <ann@example.com>", "Bump " + app, START);
    }

    private ReleaseRendered rendered(String cluster, String sha) {
        return new ReleaseRendered(new ReleaseKey(cluster, "apps", app), ReleaseFormat.FLUX_V1, "/srv/fleet", sha,
                "releases/" + cluster + "/app.yaml", "hello", "1.0.0", "chart-digest", "values-digest", "input-digest",
                1, CompressedObjects.of(List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap"))), null);
    }

    private ReleaseApplied applied(String cluster, int revision, Outcome outcome, String sha, String error) {
        ObjectRef deployment = new ObjectRef("apps/v1", "Deployment", "apps", app);
        return new ReleaseApplied(new ReleaseKey(cluster, "apps", app), revision, outcome, sha,
                "releases/" + cluster + "/app.yaml", "hello", "1.0." + revision, "digest-" + revision,
                List.of(error == null ? ObjectResult.applied(deployment) : ObjectResult.failed(deployment, error)), 40,
                START.plusSeconds(revision), error);
    }

    private Map<String, Object> release(String cluster, int revision, String status, String sha, String message) {
        Map<String, Object> release = new HashMap<>();
        release.put("cluster", cluster);
        release.put("namespace", "apps");
        release.put("name", app);
        release.put("revision", revision);
        release.put("status", status);
        release.put("chart", "hello");
        release.put("chartVersion", "1.0." + revision);
        release.put("sourceSha", sha);
        release.put("appliedAt", START.plusSeconds(revision).toString());
        release.put("message", message);
        // A revision applied is the release's last reconcile, until the applier reconciles it again.
        release.put("reconciledAt", START.plusSeconds(revision).toString());
        release.put("reconcileTrigger", null);
        release.put("reconcileMessage", null);
        // Declared outside every tenant's folders: the platform team's.
        release.put("tenant", null);
        return release;
    }

    /** The same event, stamped {@code seconds} after {@link #START}, so journeys have a known order. */
    private static <T extends Event> Envelope<T> at(int seconds, Envelope<T> envelope) {
        return at(START.plusSeconds(seconds), envelope);
    }

    private static <T extends Event> Envelope<T> at(Instant time, Envelope<T> envelope) {
        return new Envelope<>(envelope.id(), envelope.type(), envelope.version(), time, envelope.source(),
                envelope.correlationId(), envelope.key(), envelope.payload());
    }

    private void publish(Event... events) {
        List<Envelope<?>> envelopes = new ArrayList<>();
        for (Event event : events) {
            envelopes.add(Envelope.first("test", event));
        }
        publish(envelopes.toArray(Envelope<?>[]::new));
    }

    private void publish(Envelope<?>... envelopes) {
        for (Envelope<?> envelope : envelopes) {
            String topic = EventType.byWireName(envelope.type()).orElseThrow().topic().nameWith(topicPrefix);
            producer.send(new ProducerRecord<>(topic, envelope.key(), EventCodec.encode(envelope)));
        }
        producer.flush();
    }

    private JsonPath awaitJourney(String correlationId, int events) {
        await().untilAsserted(() -> assertThat(journey(correlationId).getList("id")).hasSize(events));
        return journey(correlationId);
    }

    private JsonPath journey(String correlationId) {
        return asAdmin().queryParam("correlationId", correlationId).get("/api/events").then().statusCode(200)
                .extract().jsonPath();
    }

    /** The first events of a run wait for the observer's consumers to join their group, which a loaded machine slows. */
    private List<Map<String, Object>> awaitReleases(int count) {
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(releasesOfApp()).hasSize(count));
        return releasesOfApp();
    }

    private List<Map<String, Object>> releasesOfApp() {
        List<Map<String, Object>> all = asAdmin().when().get("/api/releases").then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(release -> app.equals(release.get("name"))).toList();
    }

    private ConsumerRecord<String, String> deadLetter(String value) {
        String topic = topicPrefix + "dlq";
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.stream().anyMatch(record -> value.equals(record.value()));
            });
            return records.stream().filter(record -> value.equals(record.value())).findFirst().orElseThrow();
        }
    }
}
