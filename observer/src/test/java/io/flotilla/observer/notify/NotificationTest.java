package io.flotilla.observer.notify;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.RolloutHeld;
import io.flotilla.observer.delivery.ReceiversTestResource;
import io.flotilla.testing.http.RecordingReceiver;
import io.flotilla.testing.http.RecordingReceiver.Request;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Failed, recovered and halted releases told to Slack, Teams and webhooks, grouped per commit and filtered by each
 * receiver's rules: the observer fed through Kafka, the receivers played by a local HTTP server that checks every
 * message. Clusters {@code dev} (env=dev) and {@code prod} (env=prod) are registered; {@code eu-*} are not.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
@QuarkusTestResource(ReceiversTestResource.class)
class NotificationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    FlotillaTopics topics;
    String app;

    @BeforeEach
    void connect() {
        topics = FlotillaTopics.ofService();
        app = "app-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() {
        topics.close();
    }

    @Test
    void aCommitFailingOnFiveClustersSendsOneSlackMessageNamingThemAll() {
        String sha = sha();
        Envelope<CommitDetected> commit = Envelope.first("git-watcher", commit(sha));
        List<Envelope<?>> events = new ArrayList<>(List.of(commit));
        for (int cluster = 1; cluster <= 5; cluster++) {
            events.add(at(cluster, Envelope.causedBy(commit, "applier",
                    failed("eu-" + cluster, sha, "Deployment apps/" + app + ": ImagePullBackOff"))));
        }
        topics.publishAll(events);

        List<Request> slack = awaitMessages("/slack/", 1);

        StringBuilder text = new StringBuilder("*<" + journey(sha) + "|Commit " + sha.substring(0, 10)
                + ": Failed on 5 clusters (eu-1, eu-2, eu-3, eu-4, eu-5)>*");
        for (int cluster = 1; cluster <= 5; cluster++) {
            text.append("\n• Failed: eu-").append(cluster).append("/apps/").append(app).append(": Deployment apps/")
                    .append(app).append(": ImagePullBackOff");
        }
        assertThat(slack).singleElement().satisfies(message -> {
            assertThat(message.method()).isEqualTo("POST");
            assertThat(message.path()).isEqualTo("/slack/services/T000/B000/xyz");
            assertThat(message.headers()).containsEntry("content-type", "application/json");
            assertThat(json(message)).isEqualTo(json(Map.of("text", text.toString())));
        });
        JsonNode card = json(awaitMessages("/teams/", 1).get(0));
        assertThat(card.path("@type").asText()).isEqualTo("MessageCard");
        assertThat(card.path("summary").asText())
                .isEqualTo("Commit " + sha.substring(0, 10) + ": Failed on 5 clusters (eu-1, eu-2, eu-3, eu-4, eu-5)");
        assertThat(card.path("themeColor").asText()).isEqualTo("D13438");
        assertThat(card.path("sections").get(0).path("facts").findValuesAsText("name")).containsExactly(
                "eu-1/apps/" + app, "eu-2/apps/" + app, "eu-3/apps/" + app, "eu-4/apps/" + app, "eu-5/apps/" + app);
        assertThat(card.path("potentialAction").get(0).path("targets").get(0).path("uri").asText())
                .isEqualTo(journey(sha));
    }

    @Test
    void aReceiverForProdClustersHearsOnlyOfProd() {
        String sha = sha();
        Envelope<CommitDetected> commit = Envelope.first("git-watcher", commit(sha));
        topics.publishAll(List.of(commit,
                at(5, Envelope.causedBy(commit, "applier", failed("dev", sha, "Job apps/migrate: BackoffLimitExceeded"))),
                at(6, Envelope.causedBy(commit, "applier", failed("prod", sha, "Job apps/migrate: BackoffLimitExceeded")))));

        List<Request> everything = awaitMessages("/hooks/all", 1);
        List<Request> prodOnly = awaitMessages("/hooks/prod", 1);

        assertThat(everything).singleElement().satisfies(message -> assertThat(json(message).path("changes")
                .findValuesAsText("cluster")).containsExactly("dev", "prod"));
        assertThat(prodOnly).singleElement().satisfies(message -> {
            assertThat(message.method()).isEqualTo("POST");
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("kind", "failed");
            change.put("severity", "error");
            change.put("cluster", "prod");
            change.put("namespace", "apps");
            change.put("release", app);
            change.put("sha", sha);
            change.put("detail", "Job apps/migrate: BackoffLimitExceeded");
            change.put("at", START.plusSeconds(6).toString());
            assertThat(json(message)).isEqualTo(json(Map.of("receiver", "prod",
                    "correlationId", commit.correlationId(), "sha", sha, "severity", "error",
                    "summary", "Commit " + sha.substring(0, 10) + ": Failed on 1 cluster (prod)",
                    "link", journey(sha), "changes", List.of(change))));
        });
    }

    @Test
    void aReleaseReadyAgainAfterItFailedIsToldRecovered() {
        String broken = sha();
        Envelope<CommitDetected> commit = Envelope.first("git-watcher", commit(broken));
        topics.publishAll(List.of(commit, Envelope.causedBy(commit, "applier",
                failed("prod", broken, "Deployment apps/" + app + ": ImagePullBackOff"))));
        awaitMessages("/slack/", 1);

        String fix = sha();
        Envelope<CommitDetected> fixed = Envelope.first("git-watcher", commit(fix));
        topics.publishAll(List.of(fixed, Envelope.causedBy(fixed, "applier", ReleaseApplied.builder()
                .release(new ReleaseKey("prod", "apps", app)).revision(2).outcome(Outcome.Ready).sourceSha(fix)
                .build())));

        List<Request> slack = awaitMessages("/slack/", 2);

        assertThat(json(slack.get(1))).isEqualTo(json(Map.of("text", "*<" + journey(fix) + "|Commit "
                + fix.substring(0, 10) + ": Recovered on 1 cluster (prod)>*\n• Recovered: prod/apps/" + app)));
    }

    @Test
    void aHaltedRolloutIsTold() {
        String sha = sha();
        Envelope<CommitDetected> commit = Envelope.first("git-watcher", commit(sha));
        topics.publishAll(List.of(commit, at(7, Envelope.causedBy(commit, "applier",
                new RolloutHeld(new ReleaseKey("prod", "apps", app), "main", 2, "prod", true, "dev",
                        "failed on dev in wave 1", sha, 1, START)))));

        JsonNode message = json(awaitMessages("/hooks/all", 1).get(0));

        assertThat(message.path("summary").asText())
                .isEqualTo("Commit " + sha.substring(0, 10) + ": Rollout halted on 1 cluster (prod)");
        assertThat(message.path("changes").get(0).path("kind").asText()).isEqualTo("rollout-halted");
        assertThat(message.path("changes").get(0).path("detail").asText()).isEqualTo("failed on dev in wave 1");
    }

    @Test
    void aReceiverThatIsDownHoldsUpNoOtherAndShowsInTheApi() {
        app = "down-" + app;
        String sha = sha();
        Envelope<CommitDetected> commit = Envelope.first("git-watcher", commit(sha));
        topics.publishAll(List.of(commit, Envelope.causedBy(commit, "applier",
                failed("dev", sha, "Deployment apps/" + app + ": ImagePullBackOff"))));

        List<Request> tries = awaitMessages("/hooks/down", 2);

        assertThat(tries).extracting(Request::status).containsOnly(503);
        assertThat(tries.get(1).body()).isEqualTo(tries.get(0).body());
        assertThat(awaitMessages("/slack/", 1)).extracting(Request::status).containsExactly(201);
        await().atMost(WAIT).untilAsserted(() -> assertThat(asAdmin().when().get("/api/deliveries").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.destination == 'notifications/down' && it.description.contains('"
                        + sha.substring(0, 10) + "') }", Map.class))
                .singleElement().satisfies(delivery -> {
                    assertThat(delivery.get("state")).isIn("RETRYING", "FAILED");
                    assertThat(delivery.get("lastError")).isEqualTo("HTTP 503: {\"message\":\"unavailable\"}");
                }));
        assertThat(ReceiversTestResource.receiver().to("/hooks/broken")).isEmpty();
        assertThat(asAdmin().when().get("/api/deliveries").asString()).doesNotContain("/slack/services");
    }

    /** The messages naming this test's release that reached the receiver, once there are {@code count}. */
    private List<Request> awaitMessages(String path, int count) {
        return await().atMost(WAIT).until(() -> ReceiversTestResource.receiver().to(path).stream()
                .filter(request -> request.body().contains(app)).toList(), found -> found.size() >= count);
    }

    private static String journey(String sha) {
        return ReceiversTestResource.DASHBOARD + "/?commit=" + sha + "#commits-heading";
    }

    private static String sha() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 40);
    }

    private CommitDetected commit(String sha) {
        return new CommitDetected("/srv/fleet", "main", sha, null, List.of("releases/" + app + ".yaml"),
                "Ann <ann@example.com>", "Bump " + app, START);
    }

    private ReleaseApplied failed(String cluster, String sha, String error) {
        return ReleaseApplied.builder().release(new ReleaseKey(cluster, "apps", app)).revision(1)
                .outcome(Outcome.Failed).sourceSha(sha).error(error).build();
    }

    private static <T extends Event> Envelope<T> at(int seconds, Envelope<T> envelope) {
        return new Envelope<>(envelope.id(), envelope.type(), envelope.version(), START.plusSeconds(seconds),
                envelope.source(), envelope.correlationId(), envelope.key(), envelope.payload());
    }

    private static JsonNode json(Request request) {
        try {
            return EventCodec.mapper().readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + request.body(), e);
        }
    }

    private static JsonNode json(Map<String, Object> body) {
        return EventCodec.mapper().valueToTree(body);
    }
}
