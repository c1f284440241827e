package io.flotilla.observer.cluster;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.clusters.Fleet;
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
import io.flotilla.leases.DatabaseChannel;
import io.flotilla.leases.Leases;
import io.flotilla.observer.drift.DriftRecords;
import io.flotilla.observer.drift.DriftReports;
import io.flotilla.observer.drift.DriftTopic;
import io.flotilla.observer.drift.DriftWatch;
import io.flotilla.observer.timeline.EventStream;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.flotilla.testing.security.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * Two observer instances sharing the simulated clusters {@code dev} and {@code prod}: the service ({@code A}, which
 * reads the topics) and a second instance built in the test ({@code B}: its own cluster connections, leases, drift
 * watch and event stream, on a database pool of its own, and no Kafka consumer at all, as an instance whose topic
 * partitions hold none of the releases of the cluster it watches). Each cluster is watched by one of them; a drift on
 * B's cluster is found by B from what A kept of the release in PostgreSQL, and shows on A's API and A's live stream;
 * when B dies (its database and its clusters' connections cut at once, its leases left to expire), A takes B's
 * cluster within the lease and finds the drift made there afterwards.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class ClusterWatchFailoverTest {

    private static final String B = "instance-b";
    /** Several ticks of both instances, on a loaded machine too. */
    private static final Duration SETTLING = Duration.ofSeconds(90);

    @Inject
    Fleet fleet;
    @Inject
    Leases leasesOfA;
    @Inject
    InstanceBeans instances;
    @Inject
    DriftRecords records;
    @Inject
    DriftTopic driftTopic;
    @Inject
    Vertx vertx;
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String databaseUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String databaseUser;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> databasePassword;
    @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema")
    String schema;
    @ConfigProperty(name = InstanceBeans.SETTINGS + ".duration")
    Duration lease;
    @ConfigProperty(name = InstanceBeans.SETTINGS + ".renew-interval")
    Duration renewInterval;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "flotilla.topic-prefix")
    String topicPrefix;
    @TestHTTPResource("/api/events/stream")
    URL streamOfA;

    Pool poolOfB;
    ClusterConnections connectionsOfB;
    DatabaseChannel followedOfB;
    DatabaseChannel eventsOfB;
    WatchedClusters instanceB;
    KafkaProducer<String, String> producer;

    @BeforeEach
    void startInstanceB() {
        poolOfB = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
                .connectingTo(DatabaseChannel.connectOptions(databaseUrl, databaseUser, databasePassword))
                .using(vertx).build();
        Leases leases = new Leases(InstanceBeans.store(poolOfB, schema), B, lease, renewInterval,
                InstanceBeans.SETTINGS);
        connectionsOfB = new ClusterConnections(fleet);
        eventsOfB = instances.channel(vertx, poolOfB, "events");
        EventStream stream = new EventStream(leases, eventsOfB);
        stream.start();
        followedOfB = instances.channel(vertx, poolOfB, "followed");
        new DriftWatch(connectionsOfB, records, new DriftReports(records, driftTopic, stream), followedOfB).start();
        instanceB = new WatchedClusters(fleet, connectionsOfB, leases, instances.channel(vertx, poolOfB, "clusters"));
        instanceB.start();
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    @AfterEach
    void stopInstanceB() {
        producer.close();
        instanceB.stop();
        followedOfB.close();
        eventsOfB.close();
        connectionsOfB.close();
        poolOfB.close();
    }

    @Test
    void eachClusterIsWatchedOnceAndTheSurvivorTakesTheClusterOfTheInstanceThatDied() throws Exception {
        String a = leasesOfA.instance();
        await().atMost(SETTLING).untilAsserted(() ->
                assertThat(watchers().values()).as("instances watching dev and prod").containsExactlyInAnyOrder(a, B));
        String clusterOfB = watchers().entrySet().stream().filter(watcher -> watcher.getValue().equals(B))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        KubernetesClient cluster = ClustersTestResource.fleet().cluster(clusterOfB).client();

        ConcurrentLinkedQueue<JsonNode> streamed = new ConcurrentLinkedQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = eventStream(streamed);
        try {
            await().atMost(Duration.ofSeconds(30)).until(stream::isDone);
            String before = "failover-" + UUID.randomUUID().toString().substring(0, 8);
            ReleaseKey seenByB = release(cluster, clusterOfB, before);
            change(cluster, before, "changed on the cluster B watches");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(driftedOnA()).as("drift on A's API").contains(seenByB.toString()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(streamed)
                    .as("DriftFound of " + seenByB + " on A's live stream").anySatisfy(event -> {
                        assertThat(event.path("type").asText()).isEqualTo("DriftFound");
                        assertThat(event.path("key").asText()).isEqualTo(seenByB.toString());
                    }));
        } finally {
            stream.cancel(true);
        }

        // B dies: it renews nothing more and its watches stop, its leases stay until they expire.
        poolOfB.close();
        connectionsOfB.close();
        await().atMost(lease.plus(SETTLING)).untilAsserted(() ->
                assertThat(watchers()).as("instances watching dev and prod").containsEntry(clusterOfB, a)
                        .hasSize(2).allSatisfy((name, watcher) -> assertThat(watcher).isEqualTo(a)));

        String after = "failover-" + UUID.randomUUID().toString().substring(0, 8);
        ReleaseKey seenByA = release(cluster, clusterOfB, after);
        change(cluster, after, "changed after B died");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(driftedOnA()).as("drift on A's API").contains(seenByA.toString()));
    }

    /** Each registered cluster's watching instance, as {@code GET /api/clusters} shows it. */
    private static Map<String, String> watchers() {
        List<Map<String, Object>> clusters = asAdmin().when().get("/api/clusters").then().statusCode(200).extract()
                .jsonPath().getList("$");
        Map<String, String> watchers = new TreeMap<>();
        clusters.forEach(view -> {
            if (view.get("watchedBy") != null) {
                watchers.put((String) view.get("cluster"), (String) view.get("watchedBy"));
            }
        });
        return watchers;
    }

    /** The drifted releases {@code GET /api/drift} lists, as {@code cluster/namespace/name}. */
    private static List<String> driftedOnA() {
        List<Map<String, Object>> drift = asAdmin().when().get("/api/drift").then().statusCode(200).extract()
                .jsonPath().getList("$");
        return drift.stream().map(found -> found.get("cluster") + "/" + found.get("namespace") + "/" + found.get("name"))
                .toList();
    }

    /** A ConfigMap applied to the cluster as the applier applies it, then the rendered and applied events of it. */
    private ReleaseKey release(KubernetesClient cluster, String clusterName, String name) {
        cluster.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .withNamespace("default").endMetadata().addToData("greeting", "hello").build())
                .fieldManager("flotilla").forceConflicts().serverSideApply();
        ReleaseKey key = new ReleaseKey(clusterName, "default", name);
        Map<String, Object> configMap = Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", name), "data", Map.of("greeting", "hello"));
        Envelope<ReleaseRendered> rendered = Envelope.first("renderer", ReleaseRendered.builder().release(key)
                .format(ReleaseFormat.FLUX_V2).repository("/srv/fleet").sourceSha("c0ffee1")
                .sourceFile("releases/" + name + ".yaml").chart("hello", "1.0.0").chartDigest("chart")
                .valuesDigest("values").inputDigest("input-1").objects(List.of(configMap))
                .options(ReleaseOptions.builder().build()).build());
        Envelope<ReleaseApplied> applied = Envelope.causedBy(rendered, "applier", new ReleaseApplied(key, 1,
                Outcome.Ready, "c0ffee1", "releases/" + name + ".yaml", "hello", "1.0.0", "input-1",
                List.of(ObjectResult.applied(new ObjectRef("v1", "ConfigMap", "default", name))), 40, Instant.now(),
                null));
        send("rendered", rendered);
        send("applied", applied);
        return key;
    }

    /** A change by hand: drift, whether it comes before or after the release is followed. */
    private static void change(KubernetesClient cluster, String name, String greeting) {
        cluster.configMaps().inNamespace("default").withName(name)
                .edit(map -> new ConfigMapBuilder(map).addToData("greeting", greeting).build());
    }

    private void send(String topic, Envelope<?> envelope) {
        producer.send(new ProducerRecord<>(topicPrefix + topic, envelope.key(), EventCodec.encode(envelope)));
        producer.flush();
    }

    /** A's live stream: every event it sends, parsed, into {@code streamed}. */
    private CompletableFuture<HttpResponse<Stream<String>>> eventStream(ConcurrentLinkedQueue<JsonNode> streamed)
            throws Exception {
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(streamOfA.toString()))
                .header("Authorization", TestTokens.bearer(TestTokens.ADMIN)).header("Accept", "text/event-stream")
                .GET().build(), HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    CompletableFuture.runAsync(() -> response.body().filter(line -> line.startsWith("data:"))
                            .forEach(line -> {
                                try {
                                    streamed.add(EventCodec.mapper().readTree(line.substring("data:".length())));
                                } catch (IOException e) {
                                    throw new UncheckedIOException("not an event: " + line, e);
                                }
                            }));
                    return response;
                });
    }
}
