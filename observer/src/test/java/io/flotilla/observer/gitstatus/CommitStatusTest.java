package io.flotilla.observer.gitstatus;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.CompressedObjects;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
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
 * A commit's outcome on each cluster reaches its Git host as commit statuses, as each host's API takes them: the
 * observer fed through Kafka, the hosts played by a local HTTP server that checks every request.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
@QuarkusTestResource(ReceiversTestResource.class)
class CommitStatusTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    SentStatuses sentStatuses;

    FlotillaTopics topics;
    String app;
    String sha;

    @BeforeEach
    void connect() {
        topics = FlotillaTopics.ofService();
        app = "app-" + UUID.randomUUID().toString().substring(0, 8);
        sha = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 40);
    }

    @AfterEach
    void close() {
        topics.close();
    }

    @ParameterizedTest
    @EnumSource(HostKind.class)
    void eachHostIsToldPendingThenSuccessForTheClusterOfTheCommit(HostKind kind) {
        String host = kind.name().toLowerCase(Locale.ROOT);
        Envelope<CommitDetected> commit = Envelope.first("git-watcher", commit("/srv/" + host + "-fleet"));
        Envelope<ReleaseRendered> rendered = Envelope.causedBy(commit, "renderer", rendered("dev", "/srv/" + host + "-fleet"));
        topics.publishAll(List.of(commit, rendered));

        Request pending = awaitStatuses(1).get(0);

        topics.publish(Envelope.causedBy(rendered, "applier", applied("dev", Outcome.Ready, null)));
        Request success = awaitStatuses(2).get(1);

        for (Request request : List.of(pending, success)) {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo(switch (kind) {
                case GITHUB -> "/github/repos/acme/fleet/statuses/" + sha;
                case GITEA -> "/gitea/api/v1/repos/acme/fleet/statuses/" + sha;
                case GITLAB -> "/gitlab/api/v4/projects/acme%2Ffleet/statuses/" + sha;
                case BITBUCKET -> "/bitbucket/2.0/repositories/acme/fleet/commit/" + sha + "/statuses/build";
            });
            assertThat(request.headers()).containsEntry("content-type", "application/json");
            switch (kind) {
                case GITHUB -> assertThat(request.headers()).containsEntry("authorization", "Bearer github-token");
                case GITEA -> assertThat(request.headers()).containsEntry("authorization", "token gitea-token");
                case GITLAB -> assertThat(request.headers()).containsEntry("private-token", "gitlab-token")
                        .doesNotContainKey("authorization");
                case BITBUCKET -> assertThat(request.headers()).containsEntry("authorization", "Bearer bitbucket-token");
            }
        }
        assertThat(json(pending)).isEqualTo(json(body(kind, "pending", "0 of 1 releases Ready")));
        assertThat(json(success)).isEqualTo(json(body(kind, "success", "1 release Ready")));
    }

    @Test
    void eachClusterHasItsOwnStatusAndAFailureNamesTheRelease() {
        Envelope<CommitDetected> commit = Envelope.first("git-watcher", commit("/srv/github-fleet"));
        Envelope<ReleaseRendered> dev = Envelope.causedBy(commit, "renderer", rendered("dev", "/srv/github-fleet"));
        Envelope<ReleaseRendered> prod = Envelope.causedBy(commit, "renderer", rendered("prod", "/srv/github-fleet"));
        topics.publishAll(List.of(commit, dev, prod));
        awaitStatuses(2);

        topics.publishAll(List.of(Envelope.causedBy(dev, "applier", applied("dev", Outcome.Ready, null)),
                Envelope.causedBy(prod, "applier", applied("prod", Outcome.Failed, "Deployment apps/" + app
                        + ": image pull secret missing"))));
        List<Request> statuses = awaitStatuses(4);

        assertThat(statuses.subList(2, 4)).extracting(RecordingReceiver.Request::body).extracting(this::json)
                .containsExactlyInAnyOrder(
                        json(Map.of("state", "success", "target_url", journey(), "description", "1 release Ready",
                                "context", "flotilla/dev")),
                        json(Map.of("state", "failure", "target_url", journey(),
                                "description", "1 of 1 releases failed: apps/" + app, "context", "flotilla/prod")));
    }

    @Test
    void aHostThatAnswers503IsTriedAgainAndTheDeliveryShowsInTheApi() {
        ReceiversTestResource.receiver().refuse(sha, 1, 503);
        Envelope<CommitDetected> commit = Envelope.first("git-watcher", commit("/srv/github-fleet"));
        topics.publishAll(List.of(commit, Envelope.causedBy(commit, "renderer", rendered("dev", "/srv/github-fleet"))));

        List<Request> tries = awaitStatuses(2);

        assertThat(tries).extracting(Request::status).containsExactly(503, 201);
        assertThat(tries.get(1).body()).isEqualTo(tries.get(0).body());
        assertThat(json(tries.get(1))).isEqualTo(json(Map.of("state", "pending", "target_url", journey(),
                "description", "0 of 1 releases Ready", "context", "flotilla/dev")));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> deliveries = asAdmin().when().get("/api/deliveries").then().statusCode(200).extract()
                    .jsonPath().getList("findAll { it.key == '" + sha + "/dev' }");
            assertThat(deliveries).singleElement().satisfies(delivery -> {
                assertThat(delivery).containsEntry("destination", "git-status/github")
                        .containsEntry("description", "flotilla/dev on " + sha.substring(0, 10) + ": PENDING")
                        .containsEntry("state", "DELIVERED").containsEntry("attempts", 2);
                assertThat(delivery.get("lastError")).isNull();
            });
        });
        assertThat(asAdmin().when().get("/api/deliveries").asString()).doesNotContain("github-token");
    }

    @Test
    void aStatusAnObserverClaimedAndStoppedBeforeDeliveringIsSentByTheOneRunning() {
        CommitStatus claimedByAStoppedObserver = new CommitStatus(sha, "dev", "flotilla/dev", StatusState.SUCCESS,
                "1 release Ready", journey());
        assertThat(sentStatuses.claim("github", claimedByAStoppedObserver)).isTrue();
        assertThat(sentStatuses.claim("github", claimedByAStoppedObserver)).isFalse();

        List<Request> sent = awaitStatuses(1);

        assertThat(sent).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/github/repos/acme/fleet/statuses/" + sha);
            assertThat(json(request)).isEqualTo(json(Map.of("state", "success", "target_url", journey(),
                    "description", "1 release Ready", "context", "flotilla/dev")));
        });
    }

    @Test
    void aStatusNamingMoreFailedReleasesThanTheTableKeepsIsClaimedAndSentCut() {
        String failed = "200 of 200 releases failed: " + "prod-eu/apps/web-0000, ".repeat(200);
        CommitStatus wave = new CommitStatus(sha, "web/prod", "flotilla/web/prod", StatusState.FAILURE, failed,
                journey());

        assertThat(sentStatuses.claim("github", wave)).isTrue();

        assertThat(awaitStatuses(1)).singleElement().satisfies(request -> assertThat(json(request)
                .path("description").asText()).startsWith("200 of 200 releases failed: prod-eu/apps/web-0000")
                .endsWith("...").hasSizeLessThan(failed.length()));
    }

    /** The body each host's API takes for the status of cluster dev. */
    private Map<String, Object> body(HostKind kind, String state, String description) {
        return switch (kind) {
            case GITHUB, GITEA -> Map.of("state", state, "target_url", journey(), "description", description,
                    "context", "flotilla/dev");
            case GITLAB -> Map.of("state", state, "name", "flotilla/dev", "target_url", journey(),
                    "description", description);
            case BITBUCKET -> Map.of("state", state.equals("pending") ? "INPROGRESS" : "SUCCESSFUL",
                    "key", "flotilla/dev", "name", "flotilla/dev", "url", journey(), "description", description);
        };
    }

    private List<Request> awaitStatuses(int count) {
        return await().atMost(WAIT).until(() -> ReceiversTestResource.receiver().to(sha), found -> found.size() >= count);
    }

    private String journey() {
        return ReceiversTestResource.DASHBOARD + "/?commit=" + sha + "#commits-heading";
    }

    private CommitDetected commit(String repository) {
        return new CommitDetected(repository, "main", sha, null, List.of("releases/dev/app.yaml"),
                "Ann <ann@example.com>", "Bump " + app, null);
    }

    private ReleaseRendered rendered(String cluster, String repository) {
        return new ReleaseRendered(new ReleaseKey(cluster, "apps", app), ReleaseFormat.FLUX_V1, repository, sha,
                "releases/" + cluster + "/app.yaml", "hello", "1.0.0", "chart-digest", "values-digest", "input-digest",
                1, CompressedObjects.of(List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap"))), null);
    }

    private ReleaseApplied applied(String cluster, Outcome outcome, String error) {
        return ReleaseApplied.builder().release(new ReleaseKey(cluster, "apps", app)).revision(1).outcome(outcome)
                .sourceSha(sha).chart("hello", "1.0.0").error(error).build();
    }

    private JsonNode json(Request request) {
        return json(request.body());
    }

    private JsonNode json(String body) {
        try {
            return EventCodec.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private JsonNode json(Map<String, Object> body) {
        return EventCodec.mapper().valueToTree(body);
    }
}
