package io.flotilla.gitwatcher;

import static io.flotilla.gitwatcher.TwoInstancesTest.A;
import static io.flotilla.gitwatcher.TwoInstancesTest.B;
import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
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
import io.flotilla.testing.git.GitHttpServer;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * A source whose lease moves between two live instances keeps its poll schedule: the instance that took it does not
 * fetch it again when the one that gave it back fetched it within its poll interval. The service ({@code instance-a})
 * and a second watcher ({@code instance-b}) built in the test share the single source of the configuration; a source
 * added through the API to the one holding it takes that instance above its share (one source each), so it gives the
 * added source back to the other at its next tick.
 */
@QuarkusTest
@TestProfile(WatchedRepositoryProfile.OneSourceSharedWithAnotherInstance.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class LeaseHandOverTest {

    /** Several lease ticks: the hand-over happens at the first tick after the source is added. */
    private static final Duration QUIET = Duration.ofSeconds(5);

    /** Sorts after the configured source: the one an instance above its share gives back. */
    private static final String ADDED = "zz-added";

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

    WatchedSources instanceB;
    CommitsTopic commits;

    @BeforeEach
    void startTheSecondInstance() {
        instanceB = new WatchedSources(ConfiguredSources.of(config), temp.resolve("work-of-b"), positions, publisher,
                registered, new SimpleMeterRegistry(), new CommitCauses(), secrets,
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
    void aSourceAddedToTheInstanceAboveItsShareIsFetchedOnceThoughItsLeaseMoves() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(instanceB.status(ConfiguredSources.SINGLE)
                .map(SourceStatus::owner)).hasValueSatisfying(owner -> assertThat(owner).isIn(A, B)));
        assertThat(instanceB.statuses()).as("sources the two instances share").hasSize(1);
        String holder = instanceB.status(ConfiguredSources.SINGLE).orElseThrow().owner();
        String other = holder.equals(A) ? B : A;
        try (GitHttpServer host = GitHttpServer.serveToAnyone(temp.resolve("served"));
                GitRepo repo = GitRepo.init(temp.resolve("served").resolve("added"))) {
            String first = repo.write("a.yaml", "a").commit("a");
            SourceDefinition added = new SourceDefinition(ADDED,
                    new GitSource(host.url("added"), new BranchRef(GitRepo.BRANCH)), Duration.ofHours(1), List.of(),
                    null, false, null, null);
            if (holder.equals(A)) {
                asAdmin().contentType(ContentType.JSON)
                        .body(Map.of("id", ADDED, "repository", host.url("added"), "pollIntervalSeconds", 3600))
                        .post("/api/sources").then().statusCode(201).body("owner", equalTo(A));
            } else {
                assertThat(instanceB.add(added).owner()).isEqualTo(B);
            }
            commits.awaitCommit(first);

            // The instance that took the request gives the source back above its share; the other takes it over.
            await().atMost(QUIET.multipliedBy(3)).untilAsserted(() -> assertThat(instanceB.status(ADDED)
                    .map(SourceStatus::owner)).hasValue(other));
            await().during(QUIET).atMost(QUIET.multipliedBy(3))
                    .until(() -> host.fetchesStarted("added", WatchedSources.USER_AGENT_PREFIX) != 0);
            assertThat(host.fetchesStarted("added", WatchedSources.USER_AGENT_PREFIX))
                    .as("fetches of the added source by the git-watcher").isEqualTo(1);
            assertThat(commits.shasOf(host.url("added"))).containsExactly(first);
        } finally {
            if (instanceB.status(ADDED).isPresent()) {
                instanceB.remove(ADDED);
            }
        }
    }
}
