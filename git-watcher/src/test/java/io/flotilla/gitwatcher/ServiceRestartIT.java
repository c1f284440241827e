package io.flotilla.gitwatcher;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.embedded.kafka.KafkaBroker;
import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.embedded.postgres.PostgresServer;
import io.flotilla.events.CommitDetected;
import io.flotilla.testing.git.GitRepo;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged service stopped and started again, or killed, over a real Kafka broker and PostgreSQL: what it
 * emitted before and after, as the commits topic and {@code /api/sources} show it. Each test has a database, a
 * topic prefix and a work dir of its own, kept across the service's restarts as in production.
 */
class ServiceRestartIT {

    private static final Duration EMITTED_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    PostgresServer postgres;
    String database;
    Map<String, String> config;
    WatcherProcess watcher;
    CommitsTopic commits;

    @BeforeEach
    void configure() {
        postgres = PostgresServer.shared();
        database = "gitwatcher_restart_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        postgres.createDatabase(database);
        config = new HashMap<>(WatcherProcess.reaching(postgres, database));
        config.put("quarkus.http.port", Integer.toString(LocalPorts.free()));
        config.put("flotilla.git.work-dir", temp.resolve("work").toString());
        start();
        commits = CommitsTopic.of(KafkaBroker.shared().bootstrapServers(), WatcherProcess.topicPrefix(database));
    }

    @AfterEach
    void stopAll() {
        commits.close();
        watcher.close();
        postgres.dropDatabase(database);
    }

    @Test
    void sourceAddedThroughTheApiIsStillWatchedAfterTheServiceRestarts() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String first = repo.write("releases/dev/app.yaml", "1").commit("Add the app");
            addSource("kept", repo, 3600);
            commits.awaitCommit(first);
            awaitEmitted("kept", first);

            watcher.stop();
            String pushedWhileDown = repo.write("releases/dev/app.yaml", "2").commit("Raise the app while down");
            start();

            api().get("/api/sources/kept").then().statusCode(200)
                    .body("origin", equalTo("api"))
                    .body("repository", equalTo(repo.dir().toString()));
            CommitDetected caughtUp = commits.awaitCommit(pushedWhileDown).commit();
            assertThat(caughtUp.parent()).isEqualTo(first);
            String pushedAfter = repo.write("releases/dev/app.yaml", "3").commit("Raise the app again");
            api().contentType(ContentType.JSON).body(Map.of("repository", repo.dir().toString()))
                    .post("/hooks/generic").then().statusCode(202).body("sources", equalTo(List.of("kept")));
            assertThat(commits.awaitCommit(pushedAfter).commit().parent()).isEqualTo(pushedWhileDown);
            assertThat(commits.shasOf(repo.dir().toString())).containsExactly(first, pushedWhileDown, pushedAfter);
        }
    }

    @Test
    void burstOfPushesAcrossARestartIsCoveredByTheEventsAndNoneIsReplayed() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            List<String> pushed = new ArrayList<>();
            pushed.add(repo.write("burst/00.yaml", "0").commit("Push 0"));
            addSource("burst", repo, 1);
            commits.awaitCommit(pushed.get(0));

            for (int i = 1; i <= 24; i++) {
                pushed.add(repo.write("burst/%02d.yaml".formatted(i), Integer.toString(i)).commit("Push " + i));
                if (i <= 8 || i > 16) {
                    api().contentType(ContentType.JSON).body(Map.of("repository", repo.dir().toString()))
                            .post("/hooks/generic").then().statusCode(202);
                }
                if (i == 8) {
                    // Right after a webhook: the fetch it started is likely under way when the stop comes.
                    watcher.stop();
                } else if (i == 16) {
                    start();
                }
            }

            String head = pushed.get(pushed.size() - 1);
            commits.awaitCommit(head);
            awaitEmitted("burst", head);
            List<CommitDetected> emitted = commits.commitsOf(repo.dir().toString());
            assertThat(emitted).extracting(CommitDetected::sha).doesNotHaveDuplicates().isSubsetOf(pushed);
            for (int i = 0; i < emitted.size(); i++) {
                assertThat(emitted.get(i).parent()).as("parent of event %d", i)
                        .isEqualTo(i == 0 ? null : emitted.get(i - 1).sha());
            }
            TreeSet<String> covered = new TreeSet<>();
            emitted.forEach(commit -> covered.addAll(commit.changedPaths()));
            assertThat(covered).containsExactlyElementsOf(
                    IntStream.rangeClosed(0, 24).mapToObj("burst/%02d.yaml"::formatted).toList());
        }
    }

    @Test
    void commitEmittedButNotStoredWhenTheServiceCrashedIsEmittedAgainAfterTheRestart() throws SQLException {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String stored = repo.write("a.yaml", "a").commit("a");
            addSource("crashing", repo, 3600);
            commits.awaitCommit(stored);
            awaitEmitted("crashing", stored);
            refusePositionsOf(repo.dir().toString());
            String unstored = repo.write("b.yaml", "b").commit("b");

            api().contentType(ContentType.JSON).body(Map.of("repository", repo.dir().toString()))
                    .post("/hooks/generic").then().statusCode(202);
            commits.awaitCommit(unstored);
            await().atMost(EMITTED_LIMIT).untilAsserted(() -> api().get("/api/sources/crashing").then()
                    .body("lastError", containsString("refuses the position")));
            watcher.kill();
            acceptPositions();
            start();

            awaitEmitted("crashing", unstored);
            await().atMost(EMITTED_LIMIT).untilAsserted(() -> assertThat(commits.commitsOf(repo.dir().toString()))
                    .extracting(CommitDetected::sha).containsExactly(stored, unstored, unstored));
            CommitDetected emittedAgain = commits.commitsOf(repo.dir().toString()).get(2);
            assertThat(emittedAgain.parent()).isEqualTo(stored);
            assertThat(emittedAgain.changedPaths()).containsExactly("b.yaml");
        }
    }

    private void start() {
        watcher = WatcherProcess.start(config, temp.resolve("git-watcher.log"));
    }

    private RequestSpecification api() {
        return asAdmin().baseUri(watcher.url());
    }

    private void addSource(String id, GitRepo repo, int pollIntervalSeconds) {
        api().contentType(ContentType.JSON).body(Map.of("id", id, "repository", repo.dir().toString(),
                "pollIntervalSeconds", pollIntervalSeconds, "unsignedWebhooks", true))
                .post("/api/sources").then().statusCode(201);
    }

    /** Waits until the source shows {@code sha} as emitted by a fetch that ended without error, position stored. */
    private void awaitEmitted(String id, String sha) {
        await().atMost(EMITTED_LIMIT).untilAsserted(() -> api().get("/api/sources/" + id).then()
                .body("lastEmitted", equalTo(sha))
                .body("lastFetchAt", notNullValue())
                .body("lastError", nullValue()));
    }

    /** PostgreSQL itself fails every write of the position of {@code repository}, as a full disk would. */
    private void refusePositionsOf(String repository) throws SQLException {
        try (Connection connection = postgres.connect(database); Statement sql = connection.createStatement()) {
            sql.execute("""
                    CREATE FUNCTION gitwatcher.refuse_position() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        RAISE EXCEPTION 'the test refuses the position of %', NEW.repository;
                    END $$""");
            sql.execute("CREATE TRIGGER refuse_position BEFORE INSERT OR UPDATE ON gitwatcher.source_position"
                    + " FOR EACH ROW WHEN (NEW.repository = '" + repository.replace("'", "''") + "')"
                    + " EXECUTE FUNCTION gitwatcher.refuse_position()");
        }
    }

    private void acceptPositions() throws SQLException {
        try (Connection connection = postgres.connect(database); Statement sql = connection.createStatement()) {
            sql.execute("DROP TRIGGER refuse_position ON gitwatcher.source_position");
        }
    }
}
