package io.flotilla.gitwatcher;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.CommitDetected;
import io.flotilla.gitwatcher.kafka.CommitPublisher;
import io.flotilla.gitwatcher.mirror.BareMirror;
import io.flotilla.gitwatcher.position.SourcePositions;
import io.flotilla.gitwatcher.source.BranchRef;
import io.flotilla.gitwatcher.source.GitSource;
import io.flotilla.gitwatcher.source.SourceDefinition;
import io.flotilla.gitwatcher.sync.CommitTopic;
import io.flotilla.gitwatcher.sync.SourceSync;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The watcher against real Kafka, PostgreSQL and Git. The configured source is fetched at start and
 * on webhooks only; the other tests drive watchers of their own over the same database and topic,
 * as a restarted service would.
 */
@QuarkusTest
@TestProfile(WatchedRepositoryProfile.HookDriven.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class GitWatcherTest {

    @ConfigProperty(name = "flotilla.git.repository")
    String configuredRepository;

    @Inject
    SourcePositions positions;

    @Inject
    CommitPublisher publisher;

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
    void webhookFetchesAtOnceWithoutWaitingForThePoll() {
        // The fetch at start found no repository; from now on only a webhook can make the watcher fetch.
        await().untilAsserted(() -> asAdmin().when().get("/api/sources/default").then().statusCode(200)
                .body("lastFetchAt", notNullValue()));
        try (GitRepo repo = GitRepo.init(Path.of(configuredRepository))) {
            String sha = repo.write("releases/dev/app.yaml", "dev").write("charts/app/Chart.yaml", "name: app")
                    .commit("Add the app");

            given().post("/hooks/generic").then().statusCode(202);

            CommitsTopic.Published published = commits.awaitCommit(sha);
            assertThat(published.key()).isEqualTo(configuredRepository);
            assertThat(published.commit().repository()).isEqualTo(configuredRepository);
            assertThat(published.commit().branch()).isEqualTo("main");
            assertThat(published.commit().changedPaths()).containsExactly("charts/app/Chart.yaml", "releases/dev/app.yaml");
            assertThat(published.event().correlationId()).isEqualTo(published.event().id());
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/default").then()
                    .body("lastEmitted", equalTo(sha))
                    .body("lastError", nullValue()));
        }
    }

    @Test
    void firstCommitSeenIsEmittedWithEveryPathAndNoParent() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String sha = repo.write("releases/dev/app.yaml", "dev").write("releases/prod/app.yaml", "prod")
                    .commit("Add the app");

            watcher(repo, "first").sync();

            CommitDetected commit = commits.awaitCommit(sha).commit();
            assertThat(commit.parent()).isNull();
            assertThat(commit.changedPaths()).containsExactly("releases/dev/app.yaml", "releases/prod/app.yaml");
            assertThat(commit.message()).isEqualTo("Add the app");
            assertThat(commit.author()).isEqualTo("Flotilla Tests <tests@flotilla.io>");
        }
    }

    @Test
    void nextCommitIsEmittedWithExactlyItsChangedPathsAndTheLastEmittedAsParent() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            SourceSync watcher = watcher(repo, "watcher");
            String first = repo.write("releases/dev/app.yaml", "dev").write("releases/prod/app.yaml", "prod")
                    .write("common/namespaces.yaml", "ns").commit("Add the app");
            watcher.sync();
            String second = repo.write("releases/prod/app.yaml", "prod, bigger").delete("common/namespaces.yaml")
                    .commit("Grow prod, drop the namespaces");

            watcher.sync();

            CommitDetected commit = commits.awaitCommit(second).commit();
            assertThat(commit.parent()).isEqualTo(first);
            assertThat(commit.changedPaths()).containsExactly("common/namespaces.yaml", "releases/prod/app.yaml");
        }
    }

    @Test
    void commitsPushedBetweenTwoFetchesGiveOneEventWithAllTheirPaths() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            SourceSync watcher = watcher(repo, "watcher");
            String first = repo.write("a.yaml", "a").commit("a");
            watcher.sync();
            String between = repo.write("b.yaml", "b").commit("b");
            String head = repo.write("c/d.yaml", "d").commit("c/d");

            watcher.sync();

            CommitDetected commit = commits.awaitCommit(head).commit();
            assertThat(commit.parent()).isEqualTo(first);
            assertThat(commit.changedPaths()).containsExactly("b.yaml", "c/d.yaml");
            assertThat(commits.shasOf(repo.dir().toString())).containsExactly(first, head).doesNotContain(between);
        }
    }

    @Test
    void restartedWatcherEmitsNothingForTheEmittedHeadAndResumesAfterIt() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String emitted = repo.write("a.yaml", "a").commit("a");
            watcher(repo, "before-restart").sync();

            SourceSync restarted = watcher(repo, "after-restart");
            assertThat(restarted.sync()).isEmpty();
            String pushedMeanwhile = repo.write("b.yaml", "b").commit("b");
            SourceSync restartedAgain = watcher(repo, "after-second-restart");
            restartedAgain.sync();

            CommitDetected commit = commits.awaitCommit(pushedMeanwhile).commit();
            assertThat(commit.parent()).isEqualTo(emitted);
            assertThat(commit.changedPaths()).containsExactly("b.yaml");
            assertThat(watcher(repo, "after-third-restart").sync()).isEmpty();
            assertThat(commits.shasOf(repo.dir().toString())).containsExactly(emitted, pushedMeanwhile);
        }
    }

    @Test
    void watcherThatLostItsSourceWhileEmittingNeverMovesBackThePositionItsNewHolderStored() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String first = repo.write("a.yaml", "a").commit("a");
            SourceSync newHolder = watcher(repo, "new-holder");
            AtomicReference<String> pushedWhilePaused = new AtomicReference<>();
            // The old holder is paused between publishing and storing its position, long enough for its lease to
            // expire and the new holder to emit the next commit.
            SourceSync oldHolder = watcher(repo, "old-holder", envelope -> {
                publisher.publish(envelope);
                pushedWhilePaused.set(repo.write("b.yaml", "b").commit("b"));
                newHolder.sync();
            });

            oldHolder.sync();

            assertThat(positions.lastEmitted(new GitSource(repo.dir().toString(), new BranchRef("main"))))
                    .contains(pushedWhilePaused.get());
            assertThat(watcher(repo, "next-holder").sync()).isEmpty();
            assertThat(commits.shasOf(repo.dir().toString())).endsWith(pushedWhilePaused.get()).contains(first);
        }
    }

    @Test
    void reportsReadyAndLive() {
        await().untilAsserted(() -> asAdmin().when().get("/q/health/ready").then().statusCode(200));
        asAdmin().when().get("/q/health/live").then().statusCode(200);
    }

    /** A watcher of {@code repo} as a freshly started service has it: its own empty mirror, the shared database. */
    private SourceSync watcher(GitRepo repo, String instance) {
        return watcher(repo, instance, publisher);
    }

    private SourceSync watcher(GitRepo repo, String instance, CommitTopic topic) {
        SourceDefinition source = new SourceDefinition("test",
                new GitSource(repo.dir().toString(), new BranchRef("main")), Duration.ofHours(1), List.of(), null, false,
                null, null);
        return new SourceSync(source, BareMirror.open(source.source().repository(), temp.resolve(instance)), positions,
                topic);
    }
}
