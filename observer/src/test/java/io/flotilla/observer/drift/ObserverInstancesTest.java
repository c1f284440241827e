package io.flotilla.observer.drift;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.CommonClientConfigs;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.clusters.CredentialSeal;
import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.events.ClusterRegistered;
import io.flotilla.events.ClusterRemoved;
import io.flotilla.events.DriftFound;
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
import io.flotilla.events.Topic;
import io.flotilla.events.sealing.KeyRing;
import io.flotilla.messaging.share.PartitionShare;
import io.flotilla.observer.cluster.ClusterConnections;
import io.flotilla.observer.cluster.ClusterWatchers;
import io.flotilla.observer.cluster.WatchedClusters;
import io.flotilla.observer.timeline.EventStream;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.flotilla.testing.security.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two observer instances over one database and one broker: this test's application, and a second one built here from
 * the same parts with an instance id of its own (its cluster connections, its share of the clusters, its drift
 * watch), as a second replica would run them; the first serves the API, the live stream and the release pages. The simulated clusters {@code dev} and {@code prod} fall on partitions
 * 0 and 3 of the clusters topic, so two instances split them.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class ObserverInstancesTest {

    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final List<String> CLUSTERS = List.of("dev", "prod");
    private static final Pattern FOLLOW = Pattern.compile("data-follow=\"([^\"]+)\"");
    private static final String UNKNOWN = "nothing is known of cluster ";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "flotilla.topic-prefix")
    String topicPrefix;

    @ConfigProperty(name = "flotilla.observer.watch-group")
    String watchGroup;

    @TestHTTPResource("/")
    URL observer;

    @Inject
    Fleet fleet;

    @Inject
    WatchedClusters first;

    @Inject
    ClusterWatchers watchers;

    @Inject
    DriftRecords records;

    @Inject
    DriftTopic driftTopic;

    @Inject
    KeyRing keys;

    @Inject
    CredentialSeal seal;

    FlotillaTopics topics;
    String app;
    final String secondId = "second-" + UUID.randomUUID().toString().substring(0, 8);
    ClusterConnections secondConnections;
    WatchedClusters second;
    final AtomicReference<PartitionShare> secondShare = new AtomicReference<>();
    DriftWatch secondDrift;
    final Queue<String> streamed = new ConcurrentLinkedQueue<>();
    CompletableFuture<HttpResponse<Stream<String>>> stream;

    @BeforeEach
    void openTheFirstInstancesStream() {
        topics = new FlotillaTopics(bootstrapServers, topicPrefix);
        app = "twice-" + UUID.randomUUID().toString().substring(0, 8);
        stream = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(observer + "api/events/stream"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + TestTokens.ADMIN).build(),
                HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(response -> response.body().filter(line -> line.startsWith("data:")).forEach(streamed::add));
        await().atMost(WAIT).until(stream::isDone);
    }

    @AfterEach
    void closeEverything() {
        stopTheSecondInstance();
        stream.thenAccept(response -> response.body().close());
        topics.close();
    }

    @Test
    void eachClusterIsWatchedByOneInstanceWhichReportsItsDriftOnceAndHandsItOverWhenItStops() {
        await().atMost(WAIT).until(() -> CLUSTERS.stream().allMatch(first::watching));
        for (String cluster : CLUSTERS) {
            release(cluster);
        }
        // Drift found while the first instance watches both clusters.
        for (String cluster : CLUSTERS) {
            changeByHand(cluster, "before");
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(driftedClusters()).containsExactlyInAnyOrderElementsOf(CLUSTERS));

        startTheSecondInstance();
        await().atMost(WAIT).until(() -> CLUSTERS.stream().allMatch(cluster -> first.watching(cluster) ^ second.watching(cluster))
                && CLUSTERS.stream().anyMatch(second::watching));
        String moved = CLUSTERS.stream().filter(second::watching).findFirst().orElseThrow();
        String kept = CLUSTERS.stream().filter(first::watching).findFirst().orElseThrow();
        await().atMost(WAIT).untilAsserted(() -> assertThat(watchedBy())
                .containsEntry(moved, secondId).containsEntry(kept, first.instance()));
        // The second instance took its cluster's releases with their drift, and let the other cluster's drift be.
        assertThat(driftedClusters()).containsExactlyInAnyOrderElementsOf(CLUSTERS);

        changeByHand(moved, "split");
        await().atMost(WAIT).untilAsserted(() -> assertThat(driftOf(moved)).contains("/data/split"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(streamed)
                .anyMatch(line -> line.contains("\"DriftFound\"") && line.contains(key(moved).toString())
                        && line.contains("/data/split")));
        changeByHand(moved, "again");
        await().atMost(WAIT).untilAsserted(() -> assertThat(driftOf(moved)).contains("/data/again"));
        // One report per change: the first instance, which read the release's events, does not watch its cluster.
        await().atMost(WAIT).until(() -> published(moved).stream().anyMatch(found -> found.contains("/data/again")));
        assertThat(published(moved))
                .filteredOn(found -> found.contains("/data/split") && !found.contains("/data/again")).hasSize(1);

        // The first instance's page of the release draws its tree from the cluster while the page is open.
        String page = page(moved);
        assertThat(page).contains(UNKNOWN + moved);
        Matcher follow = FOLLOW.matcher(page);
        assertThat(follow.find()).isTrue();
        Queue<String> pageHeard = new ConcurrentLinkedQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> pageStream = HttpClient.newHttpClient().sendAsync(HttpRequest
                .newBuilder(URI.create(observer.toString()).resolve(follow.group(1).replace("&amp;", "&")))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + TestTokens.ADMIN).build(),
                HttpResponse.BodyHandlers.ofLines());
        pageStream.thenAccept(response -> response.body().filter(line -> line.startsWith("data:"))
                .forEach(pageHeard::add));
        try {
            await().atMost(WAIT).until(pageStream::isDone);
            await().atMost(WAIT).untilAsserted(() -> assertThat(pageHeard).contains("data:TreeChanged"));
            assertThat(page(moved)).doesNotContain(UNKNOWN + moved);
        } finally {
            pageStream.thenAccept(response -> response.body().close());
        }

        stopTheSecondInstance();
        await().atMost(WAIT).until(() -> first.watching(moved));
        await().atMost(WAIT).untilAsserted(() -> assertThat(watchedBy())
                .containsEntry(moved, first.instance()).containsEntry(kept, first.instance()));
        changeByHand(moved, "failover");
        await().atMost(WAIT).untilAsserted(() -> assertThat(driftOf(moved)).contains("/data/failover"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(streamed)
                .anyMatch(line -> line.contains("\"DriftFound\"") && line.contains(key(moved).toString())
                        && line.contains("/data/failover")));
    }

    @Test
    void aClusterRegisteredThroughAnotherInstanceIsWatchedHereWhenThisInstanceOwnsIt() {
        RegisteredCluster dev = fleet.get("dev").orElseThrow();
        String name = "elsewhere-" + UUID.randomUUID().toString().substring(0, 8);
        await().atMost(WAIT).until(() -> first.watching("dev"));

        // As the instance whose API registered it announces it.
        topics.publish(Envelope.first("observer", new ClusterRegistered(name, Map.of("env", "elsewhere"),
                dev.server(), "api", Instant.now(), seal.seal(name, dev.kubeconfig()))));
        await().atMost(WAIT).until(() -> first.watching(name));

        topics.publish(Envelope.first("observer", new ClusterRemoved(name, false, Instant.now())));
        await().atMost(WAIT).until(() -> !first.watching(name) && fleet.get(name).isEmpty());
    }

    private void startTheSecondInstance() {
        // Its own fleet, as its registry would read it from the table.
        Fleet secondFleet = new Fleet(seal);
        secondFleet.seed(fleet.members());
        secondConnections = new ClusterConnections(secondFleet);
        second = new WatchedClusters(secondConnections, watchers, secondId, listener -> {
            PartitionShare share = PartitionShare.join(Topic.CLUSTERS.nameWith(topicPrefix), watchGroup,
                    Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), listener);
            secondShare.set(share);
            return share;
        });
        secondDrift = new DriftWatch(second, records, new DriftReports(records, driftTopic, new EventStream()), keys,
                Duration.ofSeconds(1));
        secondDrift.start();
    }

    /** As a replica stops: it leaves the share, lets its clusters go, then closes its watches and clients. */
    private void stopTheSecondInstance() {
        PartitionShare share = secondShare.getAndSet(null);
        if (share == null) {
            return;
        }
        share.close();
        second.stop();
        secondDrift.stop();
        secondConnections.close();
    }

    /** The release's objects applied as the applier applies them, then its rendered and applied events. */
    private void release(String cluster) {
        Map<String, Object> deployment = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", app, "namespace", "default", "labels", Map.of("app", app)),
                "spec", Map.of("replicas", 1, "selector", Map.of("matchLabels", Map.of("app", app)),
                        "template", Map.of("metadata", Map.of("labels", Map.of("app", app)),
                                "spec", Map.of("containers", List.of(Map.of("name", "app", "image", "nginx:1.27"))))));
        Map<String, Object> configMap = Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", app, "namespace", "default"), "data", Map.of("before", "applied", "split", "applied", "again", "applied", "failover", "applied"));
        for (Map<String, Object> object : List.of(deployment, configMap)) {
            client(cluster).resource(EventCodec.mapper().convertValue(object, GenericKubernetesResource.class))
                    .fieldManager("flotilla").forceConflicts().serverSideApply();
        }
        ReleaseKey key = key(cluster);
        Envelope<ReleaseRendered> rendered = Envelope.first("renderer", ReleaseRendered.builder().release(key)
                .format(ReleaseFormat.FLUX_V2).repository("/srv/fleet").sourceSha("c0ffee1")
                .sourceFile("releases/" + cluster + "/app.yaml").chart("hello", "1.0.0").chartDigest("chart")
                .valuesDigest("values").inputDigest("input-1").objects(List.of(deployment, configMap))
                .options(ReleaseOptions.builder().driftDetection(DriftMode.WARN).build()).build());
        Envelope<ReleaseApplied> applied = Envelope.causedBy(rendered, "applier", new ReleaseApplied(key, 1,
                Outcome.Ready, "c0ffee1", "releases/" + cluster + "/app.yaml", "hello", "1.0.0", "input-1",
                List.of(ObjectResult.applied(new ObjectRef("apps/v1", "Deployment", "default", app)),
                        ObjectResult.applied(new ObjectRef("v1", "ConfigMap", "default", app))), 40, Instant.now(),
                null));
        topics.publish(rendered);
        topics.publish(applied);
    }

    /** Changes one of the values the release applied, as a person would. */
    private void changeByHand(String cluster, String field) {
        client(cluster).configMaps().inNamespace("default").withName(app)
                .edit(map -> {
                    map.getData().put(field, "changed");
                    return map;
                });
    }

    private ReleaseKey key(String cluster) {
        return new ReleaseKey(cluster, "default", app);
    }

    private String page(String cluster) {
        return asAdmin().when().get("/releases/" + cluster + "/default/" + app).then().statusCode(200).extract()
                .asString();
    }

    private static KubernetesClient client(String cluster) {
        return ClustersTestResource.fleet().cluster(cluster).client();
    }

    private List<String> driftedClusters() {
        List<Map<String, Object>> all = asAdmin().when().get("/api/drift").then().statusCode(200).extract()
                .jsonPath().getList("$");
        return all.stream().filter(drift -> app.equals(drift.get("name"))).map(drift -> (String) drift.get("cluster"))
                .toList();
    }

    /** The drift the first instance's API shows of the cluster's release, as JSON; empty when none. */
    private String driftOf(String cluster) {
        List<Map<String, Object>> all = asAdmin().when().get("/api/drift").then().statusCode(200).extract()
                .jsonPath().getList("$");
        return all.stream().filter(drift -> app.equals(drift.get("name")) && cluster.equals(drift.get("cluster")))
                .map(drift -> EventCodec.mapper().valueToTree(drift).toString()).findFirst().orElse("");
    }

    private Map<String, Object> watchedBy() {
        List<Map<String, Object>> all = asAdmin().when().get("/api/clusters").then().statusCode(200).extract()
                .jsonPath().getList("$");
        Map<String, Object> byName = new HashMap<>();
        all.forEach(cluster -> byName.put((String) cluster.get("cluster"), cluster.get("watchedBy")));
        return byName;
    }

    /** The drift published for the cluster's release, each as its payload's JSON. */
    private List<String> published(String cluster) {
        String release = key(cluster).toString();
        return topics.all(Topic.DRIFT).stream().filter(record -> release.equals(record.key()))
                .map(record -> EventCodec.decode(record.value(), DriftFound.class).payload())
                .map(found -> EventCodec.mapper().valueToTree(found).toString()).toList();
    }
}
