package io.flotilla.observer.preview;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.PreviewChecked;
import io.flotilla.events.PreviewChecked.Change;
import io.flotilla.events.PreviewChecked.ObjectChange;
import io.flotilla.events.PreviewKey;
import io.flotilla.events.PreviewPlanned;
import io.flotilla.events.PreviewPlanned.PlannedRelease;
import io.flotilla.events.PreviewRequested;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.Topic;
import io.flotilla.observer.delivery.ReceiversTestResource;
import io.flotilla.observer.gitstatus.HostKind;
import io.flotilla.testing.http.RecordingReceiver;
import io.flotilla.testing.http.RecordingReceiver.Request;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.flotilla.testing.security.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * A pull request's preview as its reviewers see it: the observer fed real preview events through Kafka, as
 * git-watcher, the renderer and the applier publish them; the API's answer, and the comment and commit statuses the
 * Git hosts (played by a local HTTP server that records every request) are sent.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
@QuarkusTestResource(ReceiversTestResource.class)
class PreviewTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    static final String REFUSAL = "admission webhook \"policy.example.com\" denied the request: containers must not"
            + " run as root";
    static final String VIOLATION = "Namespace payments is not one of tenant team-a's namespaces (apps)";

    FlotillaTopics topics;
    String app;
    int number;

    @BeforeEach
    void connect() {
        topics = FlotillaTopics.ofService();
        app = "web-" + UUID.randomUUID().toString().substring(0, 8);
        number = ThreadLocalRandom.current().nextInt(1, 1_000_000);
    }

    @AfterEach
    void close() {
        topics.close();
    }

    @Test
    void theApiShowsEachClustersReleasesWithTheRefusalItsReasonAndTheViolation() {
        PreviewKey key = PreviewKey.ofPullRequest("/srv/github-fleet", "bump-" + app, number);
        String sha = sha();
        publishRefusedAndViolating(key, sha);

        String id = Preview.idOf(key);
        JsonNode listed = await().atMost(WAIT).until(() -> listed(id), preview -> preview != null
                && preview.path("state").asText().equals("COMPLETE"));
        assertThat(listed.path("preview").asText()).isEqualTo("/srv/github-fleet#" + number);
        assertThat(listed.path("repository").asText()).isEqualTo("/srv/github-fleet");
        assertThat(listed.path("pullRequest").asInt()).isEqualTo(number);
        assertThat(listed.path("sha").asText()).isEqualTo(sha);
        assertThat(listed.path("releasesChanged").asInt()).isEqualTo(3);
        assertThat(listed.path("refused").asInt()).isEqualTo(1);
        assertThat(listed.path("violating").asInt()).isEqualTo(1);
        assertThat(listed.path("renderErrors").asInt()).isZero();
        assertThat(listed.path("passes").asBoolean()).isFalse();

        JsonNode detail = json(TestTokens.as(TestTokens.VIEWER).get("/api/previews/" + id).then().statusCode(200)
                .extract().asString());
        assertThat(detail.path("clusters")).extracting(cluster -> cluster.path("cluster").asText())
                .containsExactly("dev", "prod");
        JsonNode dev = detail.path("clusters").get(0).path("releases");
        assertThat(dev).extracting(release -> release.path("name").asText() + " " + release.path("change").asText())
                .containsExactly(app + " CHANGED", app + "-db ADDED");
        JsonNode web = dev.get(0);
        assertThat(web.path("refusals")).singleElement().satisfies(refusal -> {
            assertThat(refusal.path("object").asText()).isEqualTo("Deployment apps/" + app);
            assertThat(refusal.path("reason").asText()).isEqualTo(REFUSAL);
        });
        assertThat(web.path("objects")).extracting(object -> object.path("change").asText())
                .containsExactly("REFUSED", "UPDATE");
        assertThat(web.path("objects").get(1).path("fields")).extracting(JsonNode::asText)
                .containsExactly("/data/greeting");
        assertThat(web.path("unchangedObjects").asInt()).isEqualTo(1);
        assertThat(dev.get(1).path("objects")).extracting(object -> object.path("change").asText())
                .containsExactly("CREATE");
        JsonNode prod = detail.path("clusters").get(1).path("releases").get(0);
        assertThat(prod.path("violations")).extracting(JsonNode::asText).containsExactly(VIOLATION);

        RestAssured.given().get("/api/previews").then().statusCode(401);
        TestTokens.as(TestTokens.VIEWER).get("/api/previews/0123456789abcdef").then().statusCode(404);
    }

    @Test
    void aPullRequestOnGitHubGetsOneCommentCreatedThenEditedOnTheNextPushAndAStatusPerCommit() {
        PreviewKey key = PreviewKey.ofPullRequest("/srv/github-fleet", "bump-" + app, number);
        String first = sha();
        publishRefusedAndViolating(key, first);

        List<Request> created = awaitRequests("/github/repos/acme/fleet/issues/" + number + "/", 1);
        assertThat(created).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/github/repos/acme/fleet/issues/" + number + "/comments");
            assertThat(request.headers()).containsEntry("authorization", "Bearer github-token");
            String comment = json(request.body()).path("body").asText();
            assertThat(comment).contains("Flotilla preview of `" + first.substring(0, 10) + "`",
                    "3 releases change, 1 refused, 1 breaking tenant rules", REFUSAL,
                    VIOLATION, "#### Cluster `dev`", "| `apps/" + app + "` | changed | **refused** Deployment apps/"
                            + app + "<br>update ConfigMap apps/" + app + " (`/data/greeting`) |",
                    ReceiversTestResource.DASHBOARD + "/previews/" + Preview.idOf(key));
        });
        String commentId = json(created.get(0).answer()).path("id").asText();
        assertThat(statuses(first, 2)).extracting(body -> body.path("state").asText())
                .containsExactly("pending", "failure");

        String second = sha();
        ask(key, second);
        topics.publish(Envelope.first("renderer", new PreviewPlanned(key, second, List.of(new PlannedRelease(
                new ReleaseKey("dev", "apps", app), PreviewPlanned.Change.CHANGED, "releases/dev/web.yaml", null)),
                41, null)));
        topics.publish(Envelope.first("applier", new PreviewChecked(key, second, new ReleaseKey("dev", "apps", app),
                List.of(new ObjectChange(configMap(), Change.UPDATE, List.of("/data/greeting"), null)), List.of(),
                null)));

        await().atMost(WAIT).until(() -> ReceiversTestResource.receiver().to("/issues/comments/" + commentId),
                edits -> !edits.isEmpty());
        List<Request> comments = ReceiversTestResource.receiver().to("/github/repos/acme/fleet/issues/").stream()
                .filter(request -> request.path().contains("/issues/" + number + "/")
                        || request.path().endsWith("/issues/comments/" + commentId)).toList();
        assertThat(comments).extracting(request -> request.method() + " " + request.path()).containsExactly(
                "POST /github/repos/acme/fleet/issues/" + number + "/comments",
                "PATCH /github/repos/acme/fleet/issues/comments/" + commentId);
        assertThat(json(comments.get(1).body()).path("body").asText())
                .contains("✅ Flotilla preview of `" + second.substring(0, 10) + "`", "1 release changes")
                .doesNotContain(REFUSAL);
        assertThat(statuses(second, 2)).extracting(body -> body.path("state").asText() + " "
                + body.path("context").asText() + " " + body.path("target_url").asText()).containsExactly(
                        "pending flotilla/preview " + ReceiversTestResource.DASHBOARD + "/previews/" + Preview.idOf(key),
                        "success flotilla/preview " + ReceiversTestResource.DASHBOARD + "/previews/"
                                + Preview.idOf(key));
    }

    @Test
    void aPushWhileTheCommentIsStillBeingCreatedEditsItOnceItExistsRatherThanAddingAnother() {
        PreviewKey key = PreviewKey.ofPullRequest("/srv/github-fleet", "bump-" + app, number);
        String comments = "/github/repos/acme/fleet/issues/" + number + "/comments";
        ReceiversTestResource.receiver().refuse(comments, 8, 503);
        publishRefusedAndViolating(key, sha());
        awaitRequests(comments, 1);

        String second = sha();
        publishRefusedAndViolating(key, second);

        Request created = await().atMost(WAIT).until(() -> ReceiversTestResource.receiver().to(comments).stream()
                .filter(request -> request.status() == 201).findFirst().orElse(null), found -> found != null);
        String edits = "/github/repos/acme/fleet/issues/comments/" + json(created.answer()).path("id").asText();
        Request edit = awaitRequests(edits, 1).get(0);
        assertThat(edit.method()).isEqualTo("PATCH");
        assertThat(json(edit.body()).path("body").asText()).contains("Flotilla preview of `" + second.substring(0, 10));
        assertThat(ReceiversTestResource.receiver().to(comments)).filteredOn(request -> request.status() == 201)
                .hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(HostKind.class)
    void eachHostGetsTheCommentCreatedThenEditedAsItsApiTakesIt(HostKind kind) {
        String host = kind.name().toLowerCase(Locale.ROOT);
        PreviewKey key = PreviewKey.ofPullRequest("/srv/" + host + "-fleet", "bump-" + app, number);
        publishRefusedAndViolating(key, sha());

        String pullRequests = switch (kind) {
            case GITHUB -> "/github/repos/acme/fleet/issues/";
            case GITEA -> "/gitea/api/v1/repos/acme/fleet/issues/";
            case GITLAB -> "/gitlab/api/v4/projects/acme%2Ffleet/merge_requests/";
            case BITBUCKET -> "/bitbucket/2.0/repositories/acme/fleet/pullrequests/";
        };
        String comments = pullRequests + number + (kind == HostKind.GITLAB ? "/notes" : "/comments");
        Request created = awaitRequests(comments, 1).get(0);
        String id = json(created.answer()).path("id").asText();
        String second = sha();
        publishRefusedAndViolating(key, second);
        String edits = switch (kind) {
            case GITHUB, GITEA -> pullRequests + "comments/" + id;
            case GITLAB, BITBUCKET -> comments + "/" + id;
        };
        Request edited = awaitRequests(edits, 1).get(0);

        assertThat(created.method()).isEqualTo("POST");
        assertThat(created.path()).isEqualTo(comments);
        assertThat(edited.method()).isEqualTo(kind == HostKind.GITHUB || kind == HostKind.GITEA ? "PATCH" : "PUT");
        assertThat(edited.path()).isEqualTo(edits);
        for (Request request : List.of(created, edited)) {
            switch (kind) {
                case GITHUB -> assertThat(request.headers()).containsEntry("authorization", "Bearer github-token");
                case GITEA -> assertThat(request.headers()).containsEntry("authorization", "token gitea-token");
                case GITLAB -> assertThat(request.headers()).containsEntry("private-token", "gitlab-token")
                        .doesNotContainKey("authorization");
                case BITBUCKET -> assertThat(request.headers()).containsEntry("authorization", "Bearer bitbucket-token");
            }
        }
        JsonNode text = kind == HostKind.BITBUCKET ? json(edited.body()).path("content").path("raw")
                : json(edited.body()).path("body");
        assertThat(text.asText()).contains("Flotilla preview of `" + second.substring(0, 10) + "`", REFUSAL,
                VIOLATION);
        assertThat(ReceiversTestResource.receiver().to(comments)).filteredOn(request -> request.method().equals("POST"))
                .hasSize(1);
    }

    @Test
    void aReleaseThatDoesNotRenderIsInTheCommentInFullAtOnce() {
        PreviewKey key = PreviewKey.ofPullRequest("/srv/github-fleet", "bump-" + app, number);
        String sha = sha();
        String error = "releases/dev/web.yaml: HelmRelease apps/" + app + ": values.yaml line 3: mapping values are"
                + " not allowed in this context";
        ask(key, sha);
        topics.publish(Envelope.first("renderer", new PreviewPlanned(key, sha, List.of(
                new PlannedRelease(new ReleaseKey("dev", "apps", app), PreviewPlanned.Change.CHANGED,
                        "releases/dev/web.yaml", error),
                new PlannedRelease(new ReleaseKey("dev", "apps", app + "-db"), PreviewPlanned.Change.CHANGED,
                        "releases/dev/db.yaml", null)), 7, null)));

        Request comment = awaitRequests("/github/repos/acme/fleet/issues/" + number + "/comments", 1).get(0);
        assertThat(json(comment.body()).path("body").asText()).contains(
                "**1 release changes; 0 of 1 checked, 1 not rendering**, 7 unchanged", "#### Render errors",
                "```text\ndev/apps/" + app + ": " + error + "\n```",
                "| `apps/" + app + "` | changed | **does not render** (see above) |",
                "| `apps/" + app + "-db` | changed | not checked yet |");
        assertThat(statuses(sha, 2)).extracting(body -> body.path("state").asText()).containsExactly("pending",
                "failure");
        JsonNode listed = listed(Preview.idOf(key));
        assertThat(listed.path("state").asText()).isEqualTo("RENDERED");
        assertThat(listed.path("renderErrors").asInt()).isEqualTo(1);
    }

    @Test
    void resultsOfAnOlderCommitThanTheNewestAskedForAreDropped() {
        PreviewKey key = PreviewKey.ofPullRequest("/srv/github-fleet", "bump-" + app, number);
        String older = sha();
        String newer = sha();
        ask(key, older);
        ask(key, newer);

        publishRefusedAndViolating(key, older, false);
        topics.publish(Envelope.first("renderer", new PreviewPlanned(key, newer, List.of(new PlannedRelease(
                new ReleaseKey("dev", "apps", app), PreviewPlanned.Change.CHANGED, "releases/dev/web.yaml", null)),
                3, null)));

        JsonNode listed = await().atMost(WAIT).until(() -> listed(Preview.idOf(key)),
                preview -> preview.path("state").asText().equals("RENDERED"));
        assertThat(listed.path("sha").asText()).isEqualTo(newer);
        assertThat(listed.path("releasesChanged").asInt()).isEqualTo(1);
        assertThat(listed.path("refused").asInt()).isZero();
        assertThat(listed.path("unchanged").asInt()).isEqualTo(3);
        JsonNode release = json(asAdmin().get("/api/previews/" + Preview.idOf(key)).then().statusCode(200).extract()
                .asString()).path("clusters").get(0).path("releases").get(0);
        assertThat(release.path("checked").asBoolean()).isFalse();
        assertThat(release.path("refusals")).isEmpty();
        assertThat(ReceiversTestResource.receiver().to("/issues/" + number + "/comments")).isEmpty();
        assertThat(ReceiversTestResource.receiver().to(older)).extracting(request -> json(request.body()).path("state")
                .asText()).containsExactly("pending");
    }

    @Test
    void aBranchWithoutPullRequestGetsOnlyItsStatusAndAClosedPullRequestNothingMoreTillReopened() {
        PreviewKey branch = PreviewKey.ofBranch("/srv/github-fleet", "try-" + app);
        String sha = sha();
        publishRefusedAndViolating(branch, sha);
        assertThat(statuses(sha, 2)).extracting(body -> body.path("state").asText()).containsExactly("pending",
                "failure");

        PreviewKey pullRequest = PreviewKey.ofPullRequest("/srv/github-fleet", "bump-" + app, number);
        String closed = sha();
        ask(pullRequest, closed);
        awaitStatuses(closed, 1);
        topics.publish(Envelope.first("git-watcher", new PreviewRequested(pullRequest, closed, "main", "Bump " + app,
                "Ada", Instant.now(), true)));
        await().atMost(WAIT).until(() -> listed(Preview.idOf(pullRequest)),
                preview -> preview.path("state").asText().equals("CLOSED"));
        publishRefusedAndViolating(pullRequest, closed, false);
        String reopened = sha();
        ask(pullRequest, reopened);
        topics.publish(Envelope.first("renderer", new PreviewPlanned(pullRequest, reopened, List.of(), 0,
                "fetching " + reopened + " was refused: repository not found")));

        List<Request> comments = awaitRequests("/issues/" + number + "/comments", 1);
        assertThat(comments).singleElement().satisfies(comment -> assertThat(json(comment.body()).path("body")
                .asText()).contains(reopened.substring(0, 10), "the commit does not render",
                        "```text\nfetching " + reopened + " was refused: repository not found\n```")
                .doesNotContain(closed.substring(0, 10)));
        assertThat(statuses(closed, 1)).extracting(body -> body.path("state").asText()).containsExactly("pending");
        assertThat(ReceiversTestResource.receiver().to("/issues/"))
                .noneMatch(request -> request.body().contains(Preview.idOf(branch)));
    }

    @Test
    void aRecordThatIsNoPreviewEventIsDeadLetteredAndTheNextIsRead() {
        PreviewKey key = PreviewKey.ofPullRequest("/srv/github-fleet", "bump-" + app, number);
        String garbage = "{this is no preview of " + app;
        String withoutCommit = EventCodec.encode(Envelope.first("git-watcher", new PreviewRequested(key, null, "main",
                "Bump " + app, "Ada", Instant.now(), false)));
        topics.publishRecord(Topic.PREVIEWS, null, key.id(), garbage, Map.of());
        topics.publishRecord(Topic.PREVIEWS, null, key.id(), withoutCommit, Map.of());
        ask(key, sha());

        List<Map<String, Object>> letters = await().atMost(WAIT).until(() -> asAdmin().queryParam("limit", 1000)
                .get("/api/dead-letters").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$")
                .stream().filter(letter -> key.id().equals(letter.get("originalKey"))).toList(),
                found -> found.size() == 2);
        assertThat(letters).extracting(letter -> letter.get("record")).containsExactlyInAnyOrder(garbage,
                withoutCommit);
        assertThat(letters).filteredOn(letter -> letter.get("record").equals(withoutCommit)).singleElement()
                .satisfies(letter -> assertThat((String) letter.get("reason")).contains("names no preview or no commit"));
    }

    /**
     * A pull request's commit that changes two releases on dev, one refused in a dry run, and adds one on prod that
     * breaks its tenant's rules.
     */
    private void publishRefusedAndViolating(PreviewKey key, String sha) {
        publishRefusedAndViolating(key, sha, true);
    }

    private void publishRefusedAndViolating(PreviewKey key, String sha, boolean asked) {
        if (asked) {
            ask(key, sha);
        }
        ReleaseKey web = new ReleaseKey("dev", "apps", app);
        ReleaseKey db = new ReleaseKey("dev", "apps", app + "-db");
        ReleaseKey payments = new ReleaseKey("prod", "payments", app);
        topics.publish(Envelope.first("renderer", new PreviewPlanned(key, sha, List.of(
                new PlannedRelease(web, PreviewPlanned.Change.CHANGED, "releases/dev/web.yaml", null),
                new PlannedRelease(db, PreviewPlanned.Change.ADDED, "releases/dev/db.yaml", null),
                new PlannedRelease(payments, PreviewPlanned.Change.ADDED, "releases/prod/payments.yaml", null)),
                12, null)));
        topics.publish(Envelope.first("applier", new PreviewChecked(key, sha, web, List.of(
                new ObjectChange(configMap(), Change.UPDATE, List.of("/data/greeting"), null),
                new ObjectChange(new ObjectRef("apps/v1", "Deployment", "apps", app), Change.REFUSED, List.of(),
                        REFUSAL),
                new ObjectChange(new ObjectRef("v1", "Service", "apps", app), Change.UNCHANGED, List.of(), null)),
                List.of(), null)));
        topics.publish(Envelope.first("applier", new PreviewChecked(key, sha, db, List.of(
                new ObjectChange(new ObjectRef("apps/v1", "StatefulSet", "apps", app + "-db"), Change.CREATE,
                        List.of(), null)), List.of(), null)));
        topics.publish(Envelope.first("applier", new PreviewChecked(key, sha, payments, List.of(
                new ObjectChange(new ObjectRef("apps/v1", "Deployment", "payments", app), Change.CREATE, List.of(),
                        null)), List.of(VIOLATION), null)));
    }

    /** Asks for the preview of the commit, and waits until the observer has it: its results come after. */
    private void ask(PreviewKey key, String sha) {
        topics.publish(Envelope.first("git-watcher", request(key, sha)));
        await().atMost(WAIT).until(() -> listed(Preview.idOf(key)), preview -> preview != null
                && preview.path("sha").asText().equals(sha));
    }

    private ObjectRef configMap() {
        return new ObjectRef("v1", "ConfigMap", "apps", app);
    }

    private PreviewRequested request(PreviewKey key, String sha) {
        return new PreviewRequested(key, sha, "main", "Bump " + app, "Ada", Instant.now(), false);
    }

    private static JsonNode listed(String id) {
        for (JsonNode preview : json(asAdmin().get("/api/previews").then().statusCode(200).extract().asString())) {
            if (preview.path("id").asText().equals(id)) {
                return preview;
            }
        }
        return null;
    }

    private static List<Request> awaitRequests(String pathContains, int count) {
        return await().atMost(WAIT).until(() -> ReceiversTestResource.receiver().to(pathContains),
                found -> found.size() >= count);
    }

    private static List<Request> awaitStatuses(String sha, int count) {
        return awaitRequests("/github/repos/acme/fleet/statuses/" + sha, count);
    }

    /** The bodies of the statuses GitHub was sent for the commit, once {@code count} came. */
    private static List<JsonNode> statuses(String sha, int count) {
        return awaitStatuses(sha, count).stream().map(request -> json(request.body())).toList();
    }

    private static String sha() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 40);
    }

    static JsonNode json(String text) {
        try {
            return EventCodec.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
