package io.flotilla.gitwatcher;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.events.Envelope;
import io.flotilla.events.PreviewKey;
import io.flotilla.events.PreviewRequested;
import io.flotilla.events.Topic;
import io.flotilla.gitwatcher.webhook.Deliveries;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.kafka.TopicFollower;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Previews asked for on the previews topic: by a Git host's pull request webhook (its head fetched from the host's
 * ref of the pull request first), and by the polls of a source that previews branches matching a glob.
 */
@QuarkusTest
@TestProfile(WatchedRepositoryProfile.HookDriven.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PullRequestPreviewsTest {

    @TempDir
    Path temp;

    FlotillaTopics topics;
    TopicFollower previews;
    CommitsTopic commits;

    @BeforeEach
    void follow() {
        topics = FlotillaTopics.ofService();
        previews = topics.follow(Topic.PREVIEWS);
        commits = CommitsTopic.ofService();
    }

    @AfterEach
    void close() {
        previews.close();
        topics.close();
        commits.close();
    }

    @Test
    void signedGitHubPullRequestAsksForThePreviewOfItsHeadAndClosingDropsIt() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String base = repo.write("releases/dev/podinfo.yaml", "6.4.0").commit("Add podinfo");
            WebhooksAndSourcesTest.addSource("pr-previews", repo, Map.of("webhookSecret", "gh-secret"));
            commits.awaitCommit(repo.dir().toString(), base);
            String head = pullRequest(repo, base, 7, "bump-podinfo");

            byte[] opened = pullRequestBody(repo, "opened", 7, head);
            deliver(opened, "gh-secret").statusCode(202).body("outcome", equalTo("preview"))
                    .body("sha", equalTo(head)).body("sources", equalTo(List.of("pr-previews")));

            PreviewKey key = PreviewKey.ofPullRequest(repo.dir().toString(), "bump-podinfo", 7);
            PreviewRequested asked = previews.await(PreviewRequested.class,
                    envelope -> envelope.key().equals(key.id()) && !envelope.payload().closed()).payload();
            assertThat(asked.preview()).isEqualTo(key);
            assertThat(asked.sha()).isEqualTo(head);
            assertThat(asked.baseBranch()).isEqualTo("main");
            assertThat(asked.title()).isEqualTo("Raise podinfo to 6.5.0 in dev");
            assertThat(asked.author()).isEqualTo("ada");
            // The watched branch did not move: the pull request's commit is no commit of the source.
            assertThat(commits.shasOf(repo.dir().toString())).containsExactly(base);

            deliver(pullRequestBody(repo, "closed", 7, head), "gh-secret").statusCode(202)
                    .body("reason", containsString("closing the preview of pull request #7"));
            PreviewRequested closed = previews.await(PreviewRequested.class,
                    envelope -> envelope.key().equals(key.id()) && envelope.payload().closed()).payload();
            assertThat(closed.sha()).isEqualTo(head);
        }
    }

    @Test
    void aDeliveryOverTakenByANewerPushAsksForTheNewestHead() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet")); Git git = Git.open(repo.dir().toFile())) {
            String base = repo.write("releases/dev/podinfo.yaml", "6.4.0").commit("Add podinfo");
            WebhooksAndSourcesTest.addSource("pr-overtaken", repo, Map.of("webhookSecret", "gh-secret"));
            commits.awaitCommit(repo.dir().toString(), base);
            String first = repo.write("releases/dev/podinfo.yaml", "6.5.0").commit("Raise podinfo");
            String second = repo.write("releases/dev/podinfo.yaml", "6.5.1").commit("Raise podinfo again");
            setRef(git, "refs/pull/13/head", second);
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(base).call();

            deliver(pullRequestBody(repo, "opened", 13, first), "gh-secret").statusCode(202)
                    .body("sha", equalTo(second));

            String key = PreviewKey.ofPullRequest(repo.dir().toString(), "bump-podinfo", 13).id();
            assertThat(previews.await(PreviewRequested.class, envelope -> envelope.key().equals(key)).payload().sha())
                    .isEqualTo(second);
        }
    }

    @Test
    void unsignedOrForgedPullRequestIsRefusedAndAsksForNothing() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String base = repo.write("a.yaml", "a").commit("a");
            WebhooksAndSourcesTest.addSource("pr-unsigned", repo, Map.of("webhookSecret", "gh-secret"));
            commits.awaitCommit(repo.dir().toString(), base);
            String head = pullRequest(repo, base, 8, "feature");
            byte[] body = pullRequestBody(repo, "opened", 8, head);

            given().header("X-GitHub-Event", "pull_request").contentType(ContentType.JSON).body(body)
                    .post("/hooks/github").then().statusCode(401);
            deliver(body, "guessed").statusCode(401);
            // A signed delivery after them shows the refused ones published nothing before it.
            deliver(pullRequestBody(repo, "synchronize", 8, head), "gh-secret").statusCode(202);

            String key = PreviewKey.ofPullRequest(repo.dir().toString(), "feature", 8).id();
            previews.await(PreviewRequested.class, envelope -> envelope.key().equals(key));
            assertThat(previews.events(PreviewRequested.class).stream().filter(e -> e.key().equals(key)))
                    .hasSize(1);
        }
    }

    @Test
    void aHeadTheRepositoryDoesNotHaveIsAnsweredWithTheReasonAndAsksForNothing() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String base = repo.write("a.yaml", "a").commit("a");
            WebhooksAndSourcesTest.addSource("pr-missing", repo, Map.of("webhookSecret", "gh-secret"));
            commits.awaitCommit(repo.dir().toString(), base);

            deliver(pullRequestBody(repo, "opened", 9, "0123456789abcdef0123456789abcdef01234567"), "gh-secret")
                    .statusCode(502).body("outcome", equalTo("preview-refused"))
                    .body("reason", containsString("pull request #9: cannot fetch refs/pull/9/head of "
                            + repo.dir()));
            // Another pull request of the repository is asked for: the refused one was never published before it.
            String head = pullRequest(repo, base, 10, "other");
            deliver(pullRequestBody(repo, "opened", 10, head), "gh-secret").statusCode(202);
            previews.await(PreviewRequested.class, envelope -> envelope.payload().preview().repository()
                    .equals(repo.dir().toString()) && envelope.payload().preview().pullRequest() == 10);
            assertThat(previews.events(PreviewRequested.class).stream()
                    .filter(e -> e.payload().preview().repository().equals(repo.dir().toString()))
                    .map(e -> e.payload().preview().pullRequest())).containsExactly(10);
        }
    }

    @Test
    void aPullRequestIntoABranchNoSourceFollowsIsIgnored() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String base = repo.write("a.yaml", "a").commit("a");
            WebhooksAndSourcesTest.addSource("pr-other-base", repo, Map.of("webhookSecret", "gh-secret"));
            commits.awaitCommit(repo.dir().toString(), base);
            String head = pullRequest(repo, base, 11, "feature");
            byte[] body = Deliveries.edited(pullRequestBody(repo, "opened", 11, head),
                    json -> ((ObjectNode) json.at("/pull_request/base"))
                            .put("ref", "release-1"));

            deliver(body, "gh-secret").statusCode(202).body("outcome", equalTo("ignored"))
                    .body("reason", equalTo("pull request #11 merges into release-1, which no watched source follows"));
        }
    }

    @Test
    void branchesMatchingPreviewBranchesArePreviewedWhenPolledAndDroppedWhenDeleted() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet")); Git git = Git.open(repo.dir().toFile())) {
            String base = repo.write("releases/dev/podinfo.yaml", "6.4.0").commit("Add podinfo");
            String tried = repo.write("releases/dev/podinfo.yaml", "6.5.0").commit("Try podinfo 6.5.0");
            setRef(git, "refs/heads/preview/podinfo", tried);
            setRef(git, "refs/heads/feature", tried);
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(base).call();

            Map<String, Object> settings = new HashMap<>();
            settings.put("previewBranches", "preview/*");
            WebhooksAndSourcesTest.addSource("branch-previews", repo, settings);
            commits.awaitCommit(repo.dir().toString(), base);

            PreviewKey key = PreviewKey.ofBranch(repo.dir().toString(), "preview/podinfo");
            PreviewRequested asked = previews.await(PreviewRequested.class,
                    envelope -> envelope.key().equals(key.id())).payload();
            assertThat(asked.sha()).isEqualTo(tried);
            assertThat(asked.baseBranch()).isEqualTo("main");
            assertThat(asked.title()).isEqualTo("Try podinfo 6.5.0");
            assertThat(asked.closed()).isFalse();
            asAdmin().when().get("/api/sources/branch-previews").then().body("previewBranches", equalTo("preview/*"));

            git.branchDelete().setBranchNames("preview/podinfo").setForce(true).call();
            given().contentType(ContentType.JSON).body(Map.of("repository", repo.dir().toString()))
                    .post("/hooks/generic").then().statusCode(202);

            PreviewRequested dropped = previews.await(PreviewRequested.class,
                    envelope -> envelope.key().equals(key.id()) && envelope.payload().closed()).payload();
            assertThat(dropped.sha()).isEqualTo(tried);
            // Only the branches the glob matches: neither main nor feature is previewed.
            assertThat(previews.events(PreviewRequested.class).stream()
                    .filter(e -> e.payload().preview().repository().equals(repo.dir().toString()))
                    .map(e -> e.payload().preview().branch()).distinct()).containsExactly("preview/podinfo");
        }
    }

    /**
     * A pull request of {@code branch} with one commit on top of {@code base}, kept by the repository under
     * {@code refs/pull/<number>/head} as GitHub keeps it; the watched branch stays at {@code base}.
     */
    private static String pullRequest(GitRepo repo, String base, int number, String branch)
            throws IOException, GitAPIException {
        String head = repo.write("releases/dev/podinfo.yaml", "6.5.0 of #" + number).commit("Raise podinfo");
        try (Git git = Git.open(repo.dir().toFile())) {
            setRef(git, "refs/heads/" + branch, head);
            setRef(git, "refs/pull/" + number + "/head", head);
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(base).call();
        }
        return head;
    }

    private static void setRef(Git git, String ref, String sha) throws IOException {
        RefUpdate update = git.getRepository().updateRef(ref);
        update.setNewObjectId(git.getRepository().resolve(sha));
        update.setForceUpdate(true);
        assertThat(update.update()).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FORCED, RefUpdate.Result.NO_CHANGE);
    }

    private static byte[] pullRequestBody(GitRepo repo, String action, int number, String head) {
        return Deliveries.edited(Deliveries.sample("github-pull-request", WebhooksAndSourcesTest.SAMPLE_CLONE_URL,
                repo.dir().toString()), json -> {
                    json.put("action", action).put("number", number);
                    ((ObjectNode) json.get("pull_request")).put("number", number);
                    ((ObjectNode) json.at("/pull_request/head")).put("sha", head);
                });
    }

    private static ValidatableResponse deliver(byte[] body, String secret) {
        return given().header("X-GitHub-Event", "pull_request")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(secret, body))
                .contentType(ContentType.JSON).body(body)
                .post("/hooks/github").then();
    }
}
