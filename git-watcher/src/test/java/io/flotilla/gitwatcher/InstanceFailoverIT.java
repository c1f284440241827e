package io.flotilla.gitwatcher;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.embedded.kafka.KafkaBroker;
import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.embedded.postgres.PostgresServer;
import io.flotilla.testing.git.GitRepo;

/**
 * Two packaged services over one PostgreSQL and one commits topic, as two pods of a Deployment: they split the
 * sources, and when one is killed (SIGKILL, no lease given back) the other takes its sources once their leases expire.
 * Every commit reaches the topic once, none is lost.
 */
class InstanceFailoverIT {

    static final List<String> SOURCES = List.of("apps", "infra", "platform", "tenants");
    static final Duration LIMIT = Duration.ofSeconds(90);
    /** Several polls and lease ticks. */
    static final Duration QUIET = Duration.ofSeconds(4);

    @TempDir
    Path temp;

    PostgresServer postgres;
    String database;
    Map<String, String> config;
    CommitsTopic commits;
    WatcherProcess first;
    WatcherProcess second;

    @BeforeEach
    void configure() {
        postgres = PostgresServer.shared();
        database = "gitwatcher_failover_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        postgres.createDatabase(database);
        config = new HashMap<>(WatcherProcess.reaching(postgres, database));
        config.putAll(Map.of(
                "flotilla.git.poll-interval", "1s",
                "flotilla.git.lease.duration", "3s",
                "flotilla.git.lease.renew-interval", "1s"));
        SOURCES.forEach(id -> config.put("flotilla.git.sources." + id + ".repository", repository(id)));
        commits = CommitsTopic.of(KafkaBroker.shared().bootstrapServers(), WatcherProcess.topicPrefix(database));
    }

    @AfterEach
    void stopAll() {
        commits.close();
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        postgres.dropDatabase(database);
    }

    @Test
    void sourcesOfAKilledInstanceAreTakenOverAndNoCommitIsLostOrPublishedTwice() {
        Map<String, GitRepo> repos = new HashMap<>();
        try {
            Map<String, String> before = new HashMap<>();
            for (String id : SOURCES) {
                GitRepo repo = GitRepo.init(Path.of(repository(id)));
                repos.put(id, repo);
                before.put(id, repo.write(id + ".yaml", "1").commit("First of " + id));
            }
            first = start("first");
            second = start("second");
            await().atMost(LIMIT).until(() -> SOURCES.stream().filter(id -> "first".equals(owner(first, id))).count() == 2
                    && SOURCES.stream().filter(id -> "second".equals(owner(first, id))).count() == 2);
            before.values().forEach(commits::awaitCommit);

            second.kill();
            Map<String, String> after = new HashMap<>();
            SOURCES.forEach(id -> after.put(id, repos.get(id).write(id + ".yaml", "2").commit("Second of " + id)));

            after.values().forEach(commits::awaitCommit);
            await().atMost(LIMIT).until(() -> SOURCES.stream().allMatch(id -> "first".equals(owner(first, id))));
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> SOURCES.stream().allMatch(id ->
                    commits.shasOf(repository(id)).equals(List.of(before.get(id), after.get(id)))));
            SOURCES.forEach(id -> assertThat(commits.commitsOf(repository(id)).get(1).parent()).isEqualTo(before.get(id)));
        } finally {
            repos.values().forEach(GitRepo::close);
        }
    }

    private WatcherProcess start(String instance) {
        Map<String, String> own = new HashMap<>(config);
        own.put("quarkus.http.port", Integer.toString(LocalPorts.free()));
        own.put("flotilla.git.instance-id", instance);
        own.put("flotilla.git.work-dir", temp.resolve("work-of-" + instance).toString());
        return WatcherProcess.start(own, temp.resolve(instance + ".log"));
    }

    private String repository(String id) {
        return temp.resolve(id).toString();
    }

    private static String owner(WatcherProcess watcher, String id) {
        return asAdmin().baseUri(watcher.url()).get("/api/sources/" + id).then().statusCode(200).extract().path("owner");
    }
}
