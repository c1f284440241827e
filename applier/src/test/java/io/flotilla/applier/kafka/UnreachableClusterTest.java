package io.flotilla.applier.kafka;

import static io.flotilla.applier.Manifests.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.flotilla.applier.Renders;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.events.Envelope;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.Topic;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Three clusters, one of which stops answering, or hangs, for a while. */
@QuarkusTest
@TestProfile(OutageProfile.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(ThreeClustersTestResource.class)
class UnreachableClusterTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** One partition for every record of the test, so that commits on it can be followed. */
    private static final int PARTITION = 0;

    private static Topics topics;

    @BeforeAll
    static void connect() {
        topics = Topics.ofService();
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    @Test
    void theOtherClustersGetReadyWithoutWaitingAndTheUnreachableOneConvergesWhenItAnswersAgain() {
        SimulatedCluster prod = cluster("prod");
        List<String> names = List.of("web", "api", "jobs");
        prod.stopAnswering();
        try {
            RecordMetadata heldRecord = null;
            for (String name : names) {
                for (String cluster : List.of("prod", "dev", "stg")) {
                    RecordMetadata written = topics.publishTo(PARTITION, Renders.chart(release(cluster, name),
                            cluster + "-" + name + "-1", List.of(configMap(name, null, Map.of("on", cluster)))));
                    if (heldRecord == null) {
                        heldRecord = written;
                    }
                }
            }

            for (String name : names) {
                assertThat(awaitOutcome(release("dev", name), Outcome.Ready).payload().revision()).isEqualTo(1);
                assertThat(awaitOutcome(release("stg", name), Outcome.Ready).payload().revision()).isEqualTo(1);
                Envelope<ReleaseApplied> unreachable = awaitOutcome(release("prod", name), Outcome.Unreachable);
                assertThat(unreachable.payload().error()).startsWith("cluster 'prod' is unreachable at " + prod.url());
            }
            assertThat(cluster("dev").client().configMaps().inNamespace("outage").withName("web").get().getData())
                    .containsEntry("on", "dev");
            long held = heldRecord.offset();
            await().atMost(PATIENCE).during(Duration.ofSeconds(6))
                    .until(() -> topics.committedOffset(Topic.RENDERED, PARTITION) <= held);
        } finally {
            prod.answerAgain();
        }

        for (String name : names) {
            Envelope<ReleaseApplied> ready = awaitOutcome(release("prod", name), Outcome.Ready);
            assertThat(ready.payload().revision()).isEqualTo(2);
            assertThat(topics.applied(release("prod", name))).extracting(event -> event.payload().outcome())
                    .containsExactly(Outcome.Unreachable, Outcome.Ready);
            assertThat(prod.client().configMaps().inNamespace("outage").withName(name).get().getData())
                    .containsEntry("on", "prod");
        }
    }

    @Test
    void aClusterThatHangsMakesItsReleasesUnreachableOnceRequestsTimeOutWhileTheOthersGetReady() {
        SimulatedCluster stg = cluster("stg");
        List<String> names = List.of("slow-web", "slow-api");
        stg.hang();
        try {
            for (String name : names) {
                for (String cluster : List.of("stg", "dev", "prod")) {
                    topics.publishTo(PARTITION, Renders.chart(release(cluster, name), cluster + "-" + name + "-1",
                            List.of(configMap(name, null, Map.of("on", cluster)))));
                }
            }

            for (String name : names) {
                assertThat(awaitOutcome(release("dev", name), Outcome.Ready).payload().revision()).isEqualTo(1);
                assertThat(awaitOutcome(release("prod", name), Outcome.Ready).payload().revision()).isEqualTo(1);
                Envelope<ReleaseApplied> unreachable = awaitOutcome(release("stg", name), Outcome.Unreachable);
                assertThat(unreachable.payload().error()).startsWith("cluster 'stg' is unreachable at " + stg.url()
                        + "/: The timeout period of 1000ms has been exceeded");
            }
        } finally {
            stg.answerAgain();
        }

        for (String name : names) {
            assertThat(awaitOutcome(release("stg", name), Outcome.Ready).payload().revision()).isEqualTo(2);
            assertThat(stg.client().configMaps().inNamespace("outage").withName(name).get().getData())
                    .containsEntry("on", "stg");
        }
    }

    @Test
    void theNewestRenderingOfAReleaseHeldForItsClusterIsTheOneApplied() {
        SimulatedCluster prod = cluster("prod");
        ReleaseKey release = release("prod", "newest");
        prod.stopAnswering();
        try {
            topics.publishTo(PARTITION, Renders.chart(release, "newest-1", List.of(configMap("newest", null,
                    Map.of("v", "1")))));
            awaitOutcome(release, Outcome.Unreachable);
            topics.publishTo(PARTITION, Renders.chart(release, "newest-2", List.of(configMap("newest", null,
                    Map.of("v", "2")))));
            await().atMost(PATIENCE).until(() -> topics.applied(release).stream()
                    .anyMatch(event -> "newest-2".equals(event.payload().inputDigest())));
        } finally {
            prod.answerAgain();
        }

        Envelope<ReleaseApplied> ready = awaitOutcome(release, Outcome.Ready);
        assertThat(ready.payload().inputDigest()).isEqualTo("newest-2");
        assertThat(topics.applied(release)).extracting(event -> event.payload().outcome() + " "
                + event.payload().inputDigest())
                .containsExactly("Unreachable newest-1", "Unreachable newest-2", "Ready newest-2");
        assertThat(prod.client().configMaps().inNamespace("outage").withName("newest").get().getData())
                .containsEntry("v", "2");
    }

    private static ReleaseKey release(String cluster, String name) {
        return new ReleaseKey(cluster, "outage", name);
    }

    private static Envelope<ReleaseApplied> awaitOutcome(ReleaseKey release, Outcome outcome) {
        return topics.awaitOutcome(release, outcome);
    }

    private static SimulatedCluster cluster(String name) {
        return ThreeClustersTestResource.fleet().cluster(name);
    }
}
