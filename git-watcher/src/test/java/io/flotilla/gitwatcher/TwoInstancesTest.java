package io.flotilla.gitwatcher;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.git.secret.SourceSecrets;
import io.flotilla.gitwatcher.kafka.CommitPublisher;
import io.flotilla.gitwatcher.kafka.PreviewPublisher;
import io.flotilla.gitwatcher.lease.LeaseBeans;
import io.flotilla.gitwatcher.lease.LeaseStore;
import io.flotilla.gitwatcher.lease.SourceChannel;
import io.flotilla.gitwatcher.lease.SourceLeases;
import io.flotilla.gitwatcher.position.SourcePositions;
import io.flotilla.gitwatcher.source.BranchRef;
import io.flotilla.gitwatcher.source.ConfiguredSources;
import io.flotilla.gitwatcher.source.GitConfig;
import io.flotilla.gitwatcher.source.GitSource;
import io.flotilla.gitwatcher.source.RegisteredSources;
import io.flotilla.gitwatcher.source.SourceDefinition;
import io.flotilla.gitwatcher.source.SourceStatus;
import io.flotilla.gitwatcher.sync.CommitCauses;
import io.flotilla.gitwatcher.sync.WatchedSources;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * Two instances over one PostgreSQL and one commits topic: the service ({@code instance-a}, seen through its API) and
 * a second watcher ({@code instance-b}) built in the test from the same parts, with a work dir, meters and an instance
 * id of its own, as a second pod has. Each source is fetched by the instance holding its lease, and each commit
 * published once.
 */
@QuarkusTest
@TestProfile(WatchedRepositoryProfile.SharedWithAnotherInstance.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class TwoInstancesTest {

    private static final String WEBHOOK_SECRET = "shared-with-the-ci-job";

    static final List<String> NAMED_SOURCES = List.of("apps", "infra", "tenants");
    static final String A = "instance-a";
    static final String B = "instance-b";

    /** Several polls of every source held, and several lease ticks. */
    static final Duration QUIET = Duration.ofSeconds(4);

    @Inject
    GitConfig config;
    @Inject
    SourcePositions positions;
    @Inject
    CommitPublisher publisher;
    @Inject
    PreviewPublisher previews;
    @Inject
    RegisteredSources registered;
    @Inject
    SourceSecrets secrets;
    @Inject
    MeterRegistry metricsOfA;
    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String databaseUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String databaseUser;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> databasePassword;
    @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema")
    String schema;

    @TempDir
    Path temp;

    MeterRegistry metricsOfB;
    WatchedSources instanceB;
    CommitsTopic commits;

    @BeforeEach
    void startTheSecondInstance() {
        metricsOfB = new SimpleMeterRegistry();
        instanceB = new WatchedSources(ConfiguredSources.of(config), temp.resolve("work-of-b"), positions, publisher,
                registered, metricsOfB, new CommitCauses(), secrets,
                new SourceLeases(new LeaseStore(pool, schema), B, config.lease().duration(),
                        config.lease().renewInterval()),
                new SourceChannel(vertx, LeaseBeans.connectOptions(databaseUrl, databaseUser, databasePassword), pool,
                        schema), previews);
        instanceB.start();
        commits = CommitsTopic.ofService();
    }

    @AfterEach
    void stopTheSecondInstance() {
        commits.close();
        instanceB.stop();
    }

    @Test
    void theSourcesAreSplitAndEachIsFetchedByItsHolderAloneAndPublishedOnce() {
        List<String> ids = new ArrayList<>(NAMED_SOURCES);
        ids.add(ConfiguredSources.SINGLE);
        // Every source the instances know (sources other tests added through the API too) is held by one of them,
        // neither holding more than half.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> owners = instanceB.statuses().stream().map(SourceStatus::owner).toList();
            long half = (owners.size() + 1) / 2;
            assertThat(owners).allMatch(owner -> A.equals(owner) || B.equals(owner));
            assertThat(owners.stream().filter(A::equals).count()).isBetween(owners.size() - half, half);
        });
        Map<String, String> shas = new HashMap<>();
        List<GitRepo> repos = new ArrayList<>();
        try {
            for (String id : ids) {
                GitRepo repo = GitRepo.init(Path.of(repositoryOf(id)));
                repos.add(repo);
                shas.put(id, repo.write("releases/" + id + ".yaml", id).commit("Add " + id));
            }
            shas.values().forEach(commits::awaitCommit);
            Map<String, String> holders = new HashMap<>();
            ids.forEach(id -> holders.put(id, ownerSeenByA(id)));
            Map<String, Long> fetchesOfA = fetches(metricsOfA, ids);
            Map<String, Long> fetchesOfB = fetches(metricsOfB, ids);

            // Several polls later: only the holder of each source fetched it again, and no commit came twice.
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> ids.stream().allMatch(id ->
                    fetches(holders.get(id).equals(A) ? metricsOfB : metricsOfA, List.of(id)).get(id)
                            .equals((holders.get(id).equals(A) ? fetchesOfB : fetchesOfA).get(id))
                    && commits.shasOf(repositoryOf(id)).equals(List.of(shas.get(id)))));
            for (String id : ids) {
                assertThat(holders.get(id)).as("holder of %s", id).isIn(A, B).isEqualTo(ownerSeenByA(id));
                assertThat(fetches(holders.get(id).equals(A) ? metricsOfA : metricsOfB, List.of(id)).get(id))
                        .as("polls of %s by its holder", id)
                        .isGreaterThan((holders.get(id).equals(A) ? fetchesOfA : fetchesOfB).get(id));
            }
        } finally {
            repos.forEach(GitRepo::close);
        }
    }

    @Test
    void aSourceAddedOnOneInstanceIsKnownToTheOtherAtOnceAndFetchedOnce() {
        try (GitRepo viaA = GitRepo.init(temp.resolve("via-a")); GitRepo viaB = GitRepo.init(temp.resolve("via-b"))) {
            String first = viaA.write("a.yaml", "a").commit("a");
            asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("id", "added-on-a", "repository", viaA.dir().toString(), "pollIntervalSeconds", 1))
                    .post("/api/sources").then().statusCode(201).body("owner", equalTo(A));
            String second = viaB.write("b.yaml", "b").commit("b");
            SourceStatus added = instanceB.add(definition("added-on-b", viaB, Duration.ofSeconds(1)));

            assertThat(added.owner()).isEqualTo(B);
            await().until(() -> instanceB.status("added-on-a").isPresent());
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/added-on-b").then().statusCode(200)
                    .body("owner", equalTo(B)).body("origin", equalTo("api")));
            commits.awaitCommit(first);
            commits.awaitCommit(second);
            // Polled every second by its holder, never fetched by the other, each published once.
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() ->
                    commits.shasOf(viaA.dir().toString()).equals(List.of(first))
                    && commits.shasOf(viaB.dir().toString()).equals(List.of(second))
                    && fetches(metricsOfB, List.of("added-on-a")).get("added-on-a") == 0
                    && fetches(metricsOfA, List.of("added-on-b")).get("added-on-b") == 0);
            assertThat(instanceB.remove("added-on-a")).isTrue();
            asAdmin().when().delete("/api/sources/added-on-b").then().statusCode(204);
        }
    }

    @Test
    void aSourceRemovedOnTheOtherInstanceIsNoLongerPolledByItsHolder() {
        try (GitRepo repo = GitRepo.init(temp.resolve("removed"))) {
            String first = repo.write("a.yaml", "a").commit("a");
            asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("id", "removed-on-b", "repository", repo.dir().toString(), "pollIntervalSeconds", 1))
                    .post("/api/sources").then().statusCode(201).body("owner", equalTo(A));
            commits.awaitCommit(first);
            await().until(() -> instanceB.status("removed-on-b").isPresent());

            assertThat(instanceB.remove("removed-on-b")).isTrue();

            await().untilAsserted(() -> asAdmin().when().get("/api/sources/removed-on-b").then().statusCode(404));
            String afterRemoval = repo.write("b.yaml", "b").commit("b");
            await().during(QUIET).atMost(QUIET.multipliedBy(3))
                    .until(() -> !commits.hasCommit(repo.dir().toString(), afterRemoval));
            assertThat(commits.shasOf(repo.dir().toString())).containsExactly(first);
        }
    }

    @Test
    void aWebhookReachingTheInstanceNotHoldingTheSourceIsFetchedByTheHolder() {
        try (GitRepo repo = GitRepo.init(temp.resolve("hooked"))) {
            String first = repo.write("a.yaml", "a").commit("a");
            instanceB.add(definition("held-by-b", repo, Duration.ofHours(1)));
            commits.awaitCommit(first);
            String pushed = repo.write("b.yaml", "b").commit("b");

            given().contentType(ContentType.JSON).header("X-Flotilla-Token", WEBHOOK_SECRET)
                    .body(Map.of("repository", repo.dir().toString()))
                    .post("/hooks/generic").then().statusCode(202).body("sources", equalTo(List.of("held-by-b")));

            assertThat(commits.awaitCommit(pushed).commit().parent()).isEqualTo(first);
            assertThat(commits.shasOf(repo.dir().toString())).containsExactly(first, pushed);
            assertThat(fetches(metricsOfA, List.of("held-by-b")).get("held-by-b")).isZero();
            await().untilAsserted(() -> assertThat(instanceB.status("held-by-b").orElseThrow().lastEmitted())
                    .isEqualTo(pushed));
            assertThat(instanceB.remove("held-by-b")).isTrue();
        }
    }

    private String repositoryOf(String id) {
        return id.equals(ConfiguredSources.SINGLE) ? config.repository().orElseThrow()
                : config.sources().get(id).repository();
    }

    private static String ownerSeenByA(String id) {
        return asAdmin().when().get("/api/sources/" + id).then().statusCode(200).extract().path("owner");
    }

    private static SourceDefinition definition(String id, GitRepo repo, Duration pollInterval) {
        return new SourceDefinition(id, new GitSource(repo.dir().toString(), new BranchRef(GitRepo.BRANCH)),
                pollInterval, List.of(), WEBHOOK_SECRET, false, null, null);
    }

    /** The fetches of each source an instance has made so far, 0 when it has made none. */
    private static Map<String, Long> fetches(MeterRegistry metrics, List<String> ids) {
        Map<String, Long> counts = new HashMap<>();
        for (String id : ids) {
            Timer timer = metrics.find("flotilla.git.fetch").tag("source", id).timer();
            counts.put(id, timer == null ? 0 : timer.count());
        }
        return counts;
    }
}
