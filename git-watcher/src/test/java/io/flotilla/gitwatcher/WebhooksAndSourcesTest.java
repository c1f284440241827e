package io.flotilla.gitwatcher;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.CommitDetected;
import io.flotilla.git.BareClone;
import io.flotilla.git.GitCredentials;
import io.flotilla.git.SealedSourceAccess;
import io.flotilla.git.secret.SourceSecrets;
import io.flotilla.gitwatcher.source.RegisteredSource;
import io.flotilla.gitwatcher.source.RegisteredSources;
import io.flotilla.gitwatcher.source.SourceDefinition;
import io.flotilla.gitwatcher.store.BlockingStore;
import io.flotilla.gitwatcher.webhook.Deliveries;
import io.flotilla.testing.fixtures.TestSecretKeys;
import io.flotilla.testing.git.GitHttpServer;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.git.GitSshServer;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Sources added through the API, fetched when a Git host's webhook says so. Every added source polls
 * hourly: within a test only webhooks (and the fetch when it is added) make it fetch.
 */
@QuarkusTest
@TestProfile(WatchedRepositoryProfile.HookDriven.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class WebhooksAndSourcesTest {

    static final String SAMPLE_CLONE_URL = "https://github.com/flotilla-demo/fleet.git";

    /** Long enough for a fetch of a small repository, and its event, to have happened. */
    static final Duration QUIET = Duration.ofSeconds(2);

    @ConfigProperty(name = "flotilla.git.work-dir")
    Path workDir;

    @Inject
    RegisteredSources registered;

    @Inject
    Mutiny.SessionFactory sessions;

    @TempDir
    Path temp;

    CommitsTopic commits;

    @BeforeEach
    void readCommits() {
        commits = CommitsTopic.ofService();
    }

    @AfterEach
    void close() {
        commits.close();
    }

    @Test
    void signedGitHubPushProducesExactlyOneCommitDetected() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String first = repo.write("releases/dev/podinfo.yaml", "6.4.0").commit("Add podinfo");
            addSource("github-signed", repo, Map.of("webhookSecret", "gh-secret"));
            commits.awaitCommit(first);
            String pushed = repo.write("releases/dev/podinfo.yaml", "6.5.0").commit("Raise podinfo to 6.5.0 in dev");
            byte[] body = Deliveries.sample("github-push", SAMPLE_CLONE_URL, repo.dir().toString());

            given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                    .header("X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256("gh-secret", body))
                    .contentType(ContentType.JSON).body(body)
                    .post("/hooks/github").then().statusCode(202).body("sources", equalTo(List.of("github-signed")));

            CommitDetected commit = commits.awaitCommit(pushed).commit();
            assertThat(commit.parent()).isEqualTo(first);
            assertThat(commit.changedPaths()).containsExactly("releases/dev/podinfo.yaml");
            assertThat(commit.forced()).isFalse();
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/github-signed").then()
                    .body("lastEmitted", equalTo(pushed)));
            assertThat(commits.shasOf(repo.dir().toString())).containsExactly(first, pushed);
        }
    }

    @Test
    void forgedOrUnsignedGitHubPushGets401AndNothingIsFetchedOrEmitted() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String first = repo.write("a.yaml", "a").commit("a");
            addSource("github-forged", repo, Map.of("webhookSecret", "gh-secret"));
            commits.awaitCommit(first);
            // The emitted commit shows before the fetch's end time does: wait for both.
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/github-forged").then().body("lastEmitted", equalTo(first))
                    .body("lastFetchAt", notNullValue()));
            String fetchedAt = asAdmin().when().get("/api/sources/github-forged").then().extract().path("lastFetchAt");
            String fetches = fetchCount("github-forged");
            String forged = repo.write("b.yaml", "b").commit("b");
            byte[] body = Deliveries.sample("github-push", SAMPLE_CLONE_URL, repo.dir().toString());

            given().header("X-GitHub-Event", "push")
                    .header("X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256("guessed", body))
                    .contentType(ContentType.JSON).body(body)
                    .post("/hooks/github").then().statusCode(401);
            given().header("X-GitHub-Event", "push").contentType(ContentType.JSON).body(body)
                    .post("/hooks/github").then().statusCode(401);

            // A fetch started by either delivery would end, and emit, within this while.
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> !commits.hasCommit(repo.dir().toString(), forged)
                    && fetchedAt.equals(asAdmin().when().get("/api/sources/github-forged").then().extract().path("lastFetchAt"))
                    && fetches.equals(fetchCount("github-forged")));
            asAdmin().when().get("/api/sources/github-forged").then().body("lastEmitted", equalTo(first));
        }
    }

    @Test
    void aDeliverySentAgainAsItWasGets409AndFetchesNothingWhileAForgeryCannotUseUpAnId() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String first = repo.write("replayed.yaml", "1").commit("replayed 1");
            addSource("github-replayed", repo, Map.of("webhookSecret", "gh-secret"));
            commits.awaitCommit(repo.dir().toString(), first);
            String pushed = repo.write("replayed.yaml", "2").commit("replayed 2");
            byte[] body = Deliveries.sample("github-push", SAMPLE_CLONE_URL, repo.dir().toString());
            String signature = "sha256=" + Deliveries.hmacSha256("gh-secret", body);
            String delivery = UUID.randomUUID().toString();
            given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", delivery)
                    .header("X-Hub-Signature-256", signature).contentType(ContentType.JSON).body(body)
                    .post("/hooks/github").then().statusCode(202);
            commits.awaitCommit(repo.dir().toString(), pushed);
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/github-replayed").then()
                    .body("lastEmitted", equalTo(pushed)));
            String fetches = fetchCount("github-replayed");

            given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", delivery)
                    .header("X-Hub-Signature-256", signature).contentType(ContentType.JSON).body(body)
                    .post("/hooks/github").then().statusCode(409).body("outcome", equalTo("replayed"))
                    .body("reason", containsString(delivery)).body("sources", empty());
            String next = UUID.randomUUID().toString();
            given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", next)
                    .header("X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256("guessed", body))
                    .contentType(ContentType.JSON).body(body)
                    .post("/hooks/github").then().statusCode(401);

            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> fetches.equals(fetchCount("github-replayed")));
            given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", next)
                    .header("X-Hub-Signature-256", signature).contentType(ContentType.JSON).body(body)
                    .post("/hooks/github").then().statusCode(202).body("sources", equalTo(List.of("github-replayed")));
        }
    }

    @Test
    void eachGitHostsSignedPushTriggersAFetch() {
        Map<String, Map<String, String>> hosts = Map.of(
                "gitlab", Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "host-secret"),
                "gitea", Map.of("X-Gitea-Event", "push"),
                "bitbucket", Map.of("X-Event-Key", "repo:push"));
        Map<String, String> sampleUrls = Map.of(
                "gitlab", "https://gitlab.example.com/platform/fleet.git",
                "gitea", "https://gitea.example.com/platform/fleet.git",
                "bitbucket", "https://bitbucket.org/platform-team/fleet");
        for (String host : List.of("gitlab", "gitea", "bitbucket")) {
            try (GitRepo repo = GitRepo.init(temp.resolve(host))) {
                String first = repo.write("a.yaml", "a").commit("a");
                addSource("via-" + host, repo, Map.of("webhookSecret", "host-secret"));
                commits.awaitCommit(repo.dir().toString(), first);
                String pushed = repo.write("b.yaml", "b").commit("b");
                byte[] body = Deliveries.sample(host + "-push", sampleUrls.get(host), repo.dir().toString());
                var request = asAdmin().headers(hosts.get(host)).contentType(ContentType.JSON).body(body);
                if (host.equals("gitea")) {
                    request.header("X-Gitea-Signature", Deliveries.hmacSha256("host-secret", body));
                } else if (host.equals("bitbucket")) {
                    request.header("X-Hub-Signature", "sha256=" + Deliveries.hmacSha256("host-secret", body));
                }

                request.post("/hooks/" + host).then().statusCode(202).body("sources", equalTo(List.of("via-" + host)));

                assertThat(commits.awaitCommit(repo.dir().toString(), pushed).parent()).isEqualTo(first);
            }
        }
    }

    @Test
    void badDeliveriesAreAnsweredAndTriggerNothing() {
        byte[] foreign = Deliveries.sample("github-push");
        given().header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256("any", foreign))
                .contentType(ContentType.JSON).body(foreign)
                .post("/hooks/github").then().statusCode(401).body("outcome", equalTo("unauthorized"))
                .body("reason", equalTo("missing or wrong signature"));
        given().header("X-GitHub-Event", "push").contentType(ContentType.JSON).body("{\"ref\": ")
                .post("/hooks/github").then().statusCode(400).body("outcome", equalTo("malformed"));
        byte[] huge = ("{\"padding\": \"" + String.join("", Collections.nCopies(2 * 1024 * 1024, "x")) + "\"}")
                .getBytes();
        given().header("X-GitHub-Event", "push").contentType(ContentType.JSON).body(huge)
                .post("/hooks/github").then().statusCode(413);
        given().contentType(ContentType.JSON).body("{}").post("/hooks/svn").then().statusCode(404);
    }

    @Test
    void gitHubPingForAWatchedRepositoryIsAnswered() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            repo.write("a.yaml", "a").commit("a");
            addSource("github-ping", repo, Map.of("webhookSecret", "gh-secret"));
            byte[] body = Deliveries.sample("github-ping", SAMPLE_CLONE_URL, repo.dir().toString());

            given().header("X-GitHub-Event", "ping")
                    .header("X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256("gh-secret", body))
                    .contentType(ContentType.JSON).body(body)
                    .post("/hooks/github").then().statusCode(200).body("outcome", equalTo("ping"));
        }
    }

    @Test
    void gitHubPingSignedWithAKnownSecretForAnUnwatchedRepositoryIsAnswered() {
        byte[] body = Deliveries.sample("github-ping", SAMPLE_CLONE_URL, "https://github.com/someone-else/website.git");

        given().header("X-GitHub-Event", "ping")
                .header("X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256("infra-secret", body))
                .contentType(ContentType.JSON).body(body)
                .post("/hooks/github").then().statusCode(200).body("outcome", equalTo("ping"));
    }

    @Test
    void pushThatDeletesTheBranchOfASourceIsAcknowledgedAndLeavesTheSourceAsItWas() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet")); Git git = Git.open(repo.dir().toFile())) {
            repo.write("a.yaml", "a").commit("a");
            git.branchCreate().setName("feature").call();
            String onMainOnly = repo.write("a.yaml", "on main only").commit("main moves on");
            String feature = git.getRepository().resolve("feature").name();
            addSource("deleted-branch", repo, Map.of("branch", "feature", "webhookSecret", "gh-secret"));
            commits.awaitCommit(feature);
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/deleted-branch").then()
                    .body("lastEmitted", equalTo(feature)).body("lastFetchAt", notNullValue()));
            String fetchedAt = asAdmin().when().get("/api/sources/deleted-branch").then().extract().path("lastFetchAt");
            git.branchDelete().setBranchNames("feature").setForce(true).call();
            byte[] body = Deliveries.edited(Deliveries.sample("github-push", SAMPLE_CLONE_URL, repo.dir().toString()),
                    push -> push.put("ref", "refs/heads/feature").put("before", feature).put("after", "0".repeat(40))
                            .put("deleted", true).putNull("head_commit"));

            given().header("X-GitHub-Event", "push")
                    .header("X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256("gh-secret", body))
                    .contentType(ContentType.JSON).body(body)
                    .post("/hooks/github").then().statusCode(202).body("outcome", equalTo("ignored"));

            // A fetch would find no branch 'feature' and put that on the source within this while.
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).untilAsserted(() -> asAdmin().when()
                    .get("/api/sources/deleted-branch").then()
                    .body("lastError", nullValue())
                    .body("lastFetchAt", equalTo(fetchedAt))
                    .body("lastEmitted", equalTo(feature)));
            assertThat(commits.shasOf(repo.dir().toString())).containsExactly(feature).doesNotContain(onMainOnly);
        }
    }

    @Test
    void commitsTouchingNoneOfTheSourcePathsAreNotEmittedButShowAsSeen() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String first = repo.write("releases/prod/app.yaml", "1").write("docs/README.md", "hi").commit("start");
            addSource("prod-only", repo, Map.of("paths", List.of("releases/prod")));
            commits.awaitCommit(first);
            String docs = repo.write("docs/README.md", "hello").commit("docs only");
            given().post("/hooks/generic").then().statusCode(202);
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/prod-only").then()
                    .body("lastSeen", equalTo(docs))
                    .body("lastEmitted", equalTo(first))
                    .body("lastError", nullValue()));
            String prod = repo.write("releases/prod/app.yaml", "2").commit("prod");

            given().contentType(ContentType.JSON).body(Map.of("repository", repo.dir().toString()))
                    .post("/hooks/generic").then().statusCode(202);

            CommitDetected commit = commits.awaitCommit(prod).commit();
            assertThat(commit.parent()).isEqualTo(first);
            assertThat(commit.changedPaths()).containsExactly("docs/README.md", "releases/prod/app.yaml");
            assertThat(commits.shasOf(repo.dir().toString())).containsExactly(first, prod).doesNotContain(docs);
        }
    }

    @Test
    void forcePushIsEmittedAsForced() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String base = repo.write("a.yaml", "a").commit("a");
            addSource("rewritten", repo, Map.of());
            commits.awaitCommit(base);
            String emitted = repo.write("b.yaml", "b").commit("b");
            given().post("/hooks/generic").then().statusCode(202);
            assertThat(commits.awaitCommit(emitted).commit().forced()).isFalse();
            try (Git git = Git.open(repo.dir().toFile())) {
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(base).call();
            }
            String rewritten = repo.write("c.yaml", "c").commit("c instead of b");

            given().post("/hooks/generic").then().statusCode(202);

            CommitDetected commit = commits.awaitCommit(rewritten).commit();
            assertThat(commit.forced()).isTrue();
            assertThat(commit.parent()).isEqualTo(emitted);
            assertThat(commit.changedPaths()).containsExactly("b.yaml", "c.yaml");
        }
    }

    @Test
    void addedSourceIsListedKeptForARestartAndRemovable() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String sha = repo.write("a.yaml", "a").commit("a");

            addSource("kept", repo, Map.of("paths", List.of("a.yaml")));

            await().untilAsserted(() -> asAdmin().when().get("/api/sources/kept").then().statusCode(200)
                    .body("repository", equalTo(repo.dir().toString()))
                    .body("branch", equalTo("main"))
                    .body("origin", equalTo("api"))
                    .body("paths", equalTo(List.of("a.yaml")))
                    .body("lastEmitted", equalTo(sha))
                    .body("lastFetchAt", notNullValue())
                    .body("lastFetchMillis", notNullValue())
                    .body("lastError", nullValue()));
            assertThat(registered.all()).extracting(SourceDefinition::id).contains("kept");

            asAdmin().when().delete("/api/sources/kept").then().statusCode(204);

            asAdmin().when().get("/api/sources/kept").then().statusCode(404);
            asAdmin().when().get("/api/sources").then().body("id", not(hasItem("kept")));
            assertThat(registered.all()).extracting(SourceDefinition::id).doesNotContain("kept");
        }
    }

    @Test
    void removedSourceHasItsMirrorDeletedAndIsNoLongerFetched() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String first = repo.write("a.yaml", "a").commit("a");
            addSource("short-lived", repo, Map.of());
            commits.awaitCommit(first);
            Path mirror = workDir.resolve(BareClone.directoryName(repo.dir().toString()));
            assertThat(mirror).isDirectory();

            asAdmin().when().delete("/api/sources/short-lived").then().statusCode(204);

            assertThat(mirror).doesNotExist();
            String after = repo.write("b.yaml", "b").commit("b");
            given().contentType(ContentType.JSON).body(Map.of("repository", repo.dir().toString()))
                    .post("/hooks/generic").then().statusCode(401).body("outcome", equalTo("unauthorized"));
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> !commits.hasCommit(repo.dir().toString(), after)
                    && !Files.exists(mirror));
            assertThat(asAdmin().when().get("/q/metrics").then().extract().asString()).doesNotContain("source=\"short-lived\"");
        }
    }

    @Test
    void sourcesThatCannotBeAddedOrRemovedSayWhy() {
        asAdmin().contentType(ContentType.JSON).body(Map.of("id", "no-repo"))
                .post("/api/sources").then().statusCode(400).body("error", containsString("repository"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("id", "a/b", "repository", "/srv/fleet"))
                .post("/api/sources").then().statusCode(400).body("error", containsString("a/b"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("id", "default", "repository", "/srv/other"))
                .post("/api/sources").then().statusCode(409).body("error", containsString("default"));
        asAdmin().when().delete("/api/sources/infra").then().statusCode(409).body("error", containsString("configuration"));
        asAdmin().when().delete("/api/sources/never-added").then().statusCode(404);
    }

    @Test
    void namedSourcesFromConfigurationAreListedWithTheirSettings() {
        asAdmin().when().get("/api/sources/infra").then().statusCode(200)
                .body("branch", equalTo("release"))
                .body("pollIntervalSeconds", equalTo(7200))
                .body("paths", equalTo(List.of("clusters", "common/namespaces")))
                .body("origin", equalTo("config"));
        asAdmin().when().get("/api/sources").then().body("id", hasItem("default")).body("id", hasItem("infra"));
    }

    @Test
    void metricsCountFetchesWebhookDeliveriesAndCommitsEmitted() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String first = repo.write("a.yaml", "a").commit("a");
            addSource("measured", repo, Map.of("webhookSecret", "gh-secret"));
            commits.awaitCommit(first);
            byte[] body = Deliveries.sample("github-push", SAMPLE_CLONE_URL, repo.dir().toString());

            given().header("X-GitHub-Event", "push").header("X-Hub-Signature-256", "sha256=forged")
                    .contentType(ContentType.JSON).body(body).post("/hooks/github").then().statusCode(401);

            await().untilAsserted(() -> assertThat(asAdmin().when().get("/q/metrics").then().statusCode(200).extract().asString())
                    .containsPattern("flotilla_git_webhook_deliveries_total\\{host=\"github\",outcome=\"unauthorized\"} [1-9]")
                    .contains("flotilla_git_commits_emitted_total{source=\"measured\"} 1.0")
                    .containsPattern("flotilla_git_fetch_seconds_count\\{source=\"measured\"} [1-9]"));
        }
    }

    @Test
    void sourceServedOverHttpIsFetchedWithItsCredentialsAndAWrongPasswordIsReported() {
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                GitHttpServer server = GitHttpServer.serve(temp.resolve("served"), "ci-bot", "glpat-token")) {
            String sha = repo.write("releases/dev/app.yaml", "dev").commit("Add the app");
            String url = server.url("fleet");

            asAdmin().contentType(ContentType.JSON).body(Map.of("id", "over-http", "repository", url,
                    "username", "ci-bot", "password", "glpat-token", "pollIntervalSeconds", 3600))
                    .post("/api/sources").then().statusCode(201);
            asAdmin().contentType(ContentType.JSON).body(Map.of("id", "wrong-password", "repository", url,
                    "branch", "other", "username", "ci-bot", "password", "guessed", "pollIntervalSeconds", 3600))
                    .post("/api/sources").then().statusCode(201);

            CommitsTopic.Published published = commits.awaitCommit(sha);
            assertThat(published.key()).isEqualTo(url);
            assertThat(published.commit().changedPaths()).containsExactly("releases/dev/app.yaml");
            asAdmin().when().get("/api/sources/over-http").then()
                    .body("username", equalTo("ci-bot"))
                    .body("$", not(hasKey("password")))
                    .body("lastError", nullValue());
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/wrong-password").then()
                    .body("lastError", containsString(url))
                    .body("lastError", not(containsString("guessed"))));
        }
    }

    @Test
    void theCommitsOfASourceAddedWithCredentialsCarryThemSealedForItsRepositoryOnly() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("sealed/fleet"));
                GitRepo open = GitRepo.init(temp.resolve("sealed/open"));
                GitHttpServer server = GitHttpServer.serve(temp.resolve("sealed"), "ci-bot", "glpat-sealed-token")) {
            String sha = repo.write("releases/dev/app.yaml", "dev").commit("Add the app");
            String openSha = open.write("releases/dev/open.yaml", "open").commit("Add the open app");
            String url = server.url("fleet");
            asAdmin().contentType(ContentType.JSON).body(Map.of("id", "sealed-access", "repository", url,
                    "username", "ci-bot", "password", "glpat-sealed-token", "pollIntervalSeconds", 3600))
                    .post("/api/sources").then().statusCode(201);
            asAdmin().contentType(ContentType.JSON).body(Map.of("id", "no-credentials",
                    "repository", open.dir().toString(), "pollIntervalSeconds", 3600))
                    .post("/api/sources").then().statusCode(201);

            CommitDetected commit = commits.awaitCommit(url, sha);
            assertThat(commits.recordsOf(url)).isNotEmpty().allSatisfy(record -> assertThat(record)
                    .doesNotContain("glpat-sealed-token").contains("\"access\":\"sealed:v1:test:"));
            try (GitCredentials.Fetching fetching = SealedSourceAccess.open(TestSecretKeys.RING, url, commit.access(),
                    SourceSecrets.none(), "the renderer");
                    BareClone clone = BareClone.open(url, temp.resolve("renderer-clone"))) {
                FetchCommand fetch = clone.fetch(new RefSpec("+refs/heads/main:refs/heads/main"));
                fetching.remote().configure(fetch);
                fetch.call();
                assertThat(clone.has(ObjectId.fromString(sha))).isTrue();
            }
            assertThatThrownBy(() -> SealedSourceAccess.open(TestSecretKeys.RING, open.dir().toString(),
                    commit.access(), SourceSecrets.none(), "another repository's commit"))
                    .hasMessageContaining("do not open");
            assertThat(commits.awaitCommit(open.dir().toString(), openSha).access()).isNull();
        }
    }

    @Test
    void aTokenWrittenIntoTheUrlIsTakenOutOfItAndEverySecretOfASourceIsKeptSealed() {
        try (GitRepo repo = GitRepo.init(temp.resolve("private/fleet"));
                GitHttpServer server = GitHttpServer.serve(temp.resolve("private"), "ci-bot", "glpat-in-the-url")) {
            String sha = repo.write("releases/dev/private.yaml", "private").commit("Add the private app");
            String url = server.url("fleet");
            String withToken = url.replace("http://", "http://ci-bot:glpat-in-the-url@");

            asAdmin().contentType(ContentType.JSON).body(Map.of("id", "token-in-url", "repository", withToken,
                    "webhookSecret", "hook-secret-at-rest", "pollIntervalSeconds", 3600))
                    .post("/api/sources").then().statusCode(201).body("repository", equalTo(url));

            CommitsTopic.Published published = commits.awaitCommit(sha);
            assertThat(published.key()).isEqualTo(url);
            assertThat(published.commit().repository()).isEqualTo(url);
            asAdmin().when().get("/api/sources/token-in-url").then().body("repository", equalTo(url))
                    .body("username", equalTo("ci-bot")).body("$", not(hasKey("password")));
            RegisteredSource row = BlockingStore.await("test", () -> sessions.withSession(
                    session -> session.find(RegisteredSource.class, "token-in-url")));
            assertThat(row.repository).isEqualTo(url);
            assertThat(row.password).startsWith("sealed:v1:test:").doesNotContain("glpat-in-the-url");
            assertThat(row.webhookSecret).startsWith("sealed:v1:test:").doesNotContain("hook-secret-at-rest");
            assertThat(registered.all()).filteredOn(source -> source.id().equals("token-in-url")).singleElement()
                    .satisfies(source -> {
                        assertThat(source.webhookSecret()).isEqualTo("hook-secret-at-rest");
                        assertThat(source.credentials().password()).isEqualTo("glpat-in-the-url");
                    });
        }
    }

    @Test
    void sourceServedOverSshIsFetchedWithTheKeyAndKnownHostsOfItsSecret() throws IOException {
        Path secrets = ConfigProvider.getConfig().getValue("flotilla.source-secrets.folder", Path.class);
        Path secret = Files.createDirectories(secrets.resolve("flux-system/fleet-ssh"));
        Path key = secret.resolve("identity");
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                GitSshServer server = GitSshServer.serve(temp.resolve("served"), key)) {
            String sha = repo.write("common/namespaces.yaml", "ns").commit("Add namespaces");
            String url = server.url("fleet");
            server.writeKnownHosts(secret.resolve("known_hosts"));

            asAdmin().contentType(ContentType.JSON).body(Map.of("id", "over-ssh", "repository", url,
                    "secret", "flux-system/fleet-ssh", "pollIntervalSeconds", 3600))
                    .post("/api/sources").then().statusCode(201);

            assertThat(commits.awaitCommit(sha).key()).isEqualTo(url);
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/over-ssh").then()
                    .body("lastEmitted", equalTo(sha))
                    .body("lastError", nullValue()));
        }
    }

    @Test
    void sourceNamingASecretIsFetchedWithItsBearerTokenAndAMissingSecretIsReportedByName() throws IOException {
        Path secrets = ConfigProvider.getConfig().getValue("flotilla.source-secrets.folder", Path.class);
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                GitHttpServer server = GitHttpServer.serveWithBearerToken(temp.resolve("served"), "ghs_token")) {
            String sha = repo.write("releases/dev/api.yaml", "api").commit("Add the API");
            String url = server.url("fleet");
            Path secret = Files.createDirectories(secrets.resolve("flux-system/fleet-token"));
            Files.writeString(secret.resolve("bearerToken"), "ghs_token");

            asAdmin().contentType(ContentType.JSON).body(Map.of("id", "by-secret", "repository", url,
                    "secret", "flux-system/fleet-token", "pollIntervalSeconds", 3600))
                    .post("/api/sources").then().statusCode(201);
            asAdmin().contentType(ContentType.JSON).body(Map.of("id", "missing-secret", "repository", url,
                    "branch", "other", "secret", "flux-system/absent", "pollIntervalSeconds", 3600))
                    .post("/api/sources").then().statusCode(201);

            assertThat(commits.awaitCommit(sha).key()).isEqualTo(url);
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/missing-secret").then()
                    .body("lastError", equalTo("cannot fetch branch 'other' of " + url + ": source missing-secret:"
                            + " Secret flux-system/absent is not in the folder " + secrets)));
            asAdmin().when().get("/api/sources/by-secret").then().body("lastError", nullValue())
                    .body("secret", equalTo("flux-system/fleet-token"))
                    .body(not(containsString("ghs_token")));
        }
    }

    /** The source's fetches so far, as {@code /q/metrics} counts them. */
    private static String fetchCount(String source) {
        Matcher count = Pattern.compile("flotilla_git_fetch_seconds_count\\{source=\"" + Pattern.quote(source) + "\"} (\\S+)")
                .matcher(asAdmin().when().get("/q/metrics").then().statusCode(200).extract().asString());
        return count.find() ? count.group(1) : "none";
    }

    /**
     * Adds a source of {@code repo} through the API, polled hourly: only webhooks make it fetch again. One without a
     * {@code webhookSecret} in {@code settings} takes unsigned deliveries.
     */
    static void addSource(String id, GitRepo repo, Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(settings);
        if (!settings.containsKey("webhookSecret")) {
            body.put("unsignedWebhooks", true);
        }
        body.put("id", id);
        body.put("repository", repo.dir().toString());
        body.put("pollIntervalSeconds", 3600);
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/sources").then().statusCode(201)
                .body("id", equalTo(id));
    }
}
