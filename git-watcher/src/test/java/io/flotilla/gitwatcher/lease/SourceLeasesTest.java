package io.flotilla.gitwatcher.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;

/**
 * Instances sharing sources through their leases, as objects with instance ids of their own over one real PostgreSQL.
 * Each test has a schema of its own whose tables are copies of those the service's schema management made, so that
 * the service's own instance, running beside, is not among the instances counted.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class SourceLeasesTest {

    static final List<String> SOURCES = List.of("apps", "infra", "platform", "tenants", "tools");

    /** Long enough that a lease renewed by a tick is still valid when the test looks, on a loaded machine too. */
    static final Duration LEASE = Duration.ofSeconds(30);

    /** Short enough for a test to wait for it to pass. */
    static final Duration SHORT_LEASE = Duration.ofSeconds(3);

    @Inject
    Pool pool;

    String schema;

    @BeforeEach
    void copyTheTables() {
        schema = "leases_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql("CREATE SCHEMA " + schema);
        sql("CREATE TABLE " + schema + ".source_lease (LIKE gitwatcher.source_lease INCLUDING ALL)");
        sql("CREATE TABLE " + schema + ".watcher_instance (LIKE gitwatcher.watcher_instance INCLUDING ALL)");
    }

    @AfterEach
    void dropTheTables() {
        sql("DROP SCHEMA " + schema + " CASCADE");
    }

    @Test
    void oneInstanceAloneHoldsEverySourceAtItsFirstTick() {
        SourceLeases only = instance("only", LEASE);

        SourceLeases.Change change = only.tick(SOURCES);

        assertThat(change.gained()).containsExactlyInAnyOrderElementsOf(SOURCES);
        assertThat(SOURCES).allMatch(only::holds);
    }

    @Test
    void twoInstancesSplitTheSourcesAndEachSourceIsHeldByExactlyOne() {
        SourceLeases a = instance("a", LEASE);
        SourceLeases b = instance("b", LEASE);

        a.tick(SOURCES);
        b.tick(SOURCES);
        // The first took everything while alone; now that it has company it gives back what is above its share.
        SourceLeases.Change givingBack = a.tick(SOURCES);
        givingBack.giveBack().forEach(a::release);
        b.tick(SOURCES);

        assertThat(givingBack.giveBack()).hasSize(2);
        assertThat(SOURCES).allMatch(id -> a.holds(id) ^ b.holds(id));
        assertThat(SOURCES.stream().filter(a::holds)).hasSize(3);
        assertThat(SOURCES.stream().filter(b::holds)).hasSize(2);
        // Ticking on changes nothing: the split is stable, and both see the same owner of each source.
        assertThat(a.tick(SOURCES).lost()).isEmpty();
        assertThat(b.tick(SOURCES).lost()).isEmpty();
        SOURCES.forEach(id -> assertThat(a.owner(id)).isEqualTo(b.owner(id)));
    }

    @Test
    void sourcesOfAnInstanceThatStopsWithoutGivingThemBackAreTakenOnceTheirLeasesExpire() {
        SourceLeases survivor = instance("survivor", SHORT_LEASE);
        SourceLeases killed = instance("killed", SHORT_LEASE);
        killed.tick(SOURCES);
        survivor.tick(SOURCES);
        Set<String> ofTheKilled = new HashSet<>(SOURCES);
        ofTheKilled.removeIf(survivor::holds);
        assertThat(ofTheKilled).isNotEmpty().allMatch(killed::holds);

        // The killed instance ticks no more; the survivor goes on ticking.
        await().atMost(SHORT_LEASE.multipliedBy(5)).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> survivor.tick(SOURCES) != null && SOURCES.stream().allMatch(survivor::holds));

        // The killed instance, were it only paused, would know its leases gone and publish nothing more.
        assertThat(SOURCES).noneMatch(killed::holds);
        assertThat(survivor.owner("apps")).contains("survivor");
    }

    @Test
    void sourcesOfAnInstanceThatLeavesAreTakenAtTheNextTickOfAnother() {
        SourceLeases staying = instance("staying", LEASE);
        SourceLeases leaving = instance("leaving", LEASE);
        leaving.tick(SOURCES);
        staying.tick(SOURCES);
        assertThat(SOURCES).anyMatch(leaving::holds);

        leaving.leave();
        SourceLeases.Change change = staying.tick(SOURCES);

        assertThat(SOURCES).allMatch(staying::holds).noneMatch(leaving::holds);
        assertThat(change.gained()).isNotEmpty();
    }

    @Test
    void aSourceClaimedWhenAddedIsHeldByThatInstanceAloneWhateverItsShare() {
        SourceLeases adding = instance("adding", LEASE);
        SourceLeases other = instance("other", LEASE);
        adding.tick(SOURCES);
        other.tick(SOURCES);

        assertThat(adding.claim("added")).isTrue();
        assertThat(other.claim("added")).isFalse();

        assertThat(adding.holds("added")).isTrue();
        assertThat(other.holds("added")).isFalse();
    }

    @Test
    void sourcesNoLongerWatchedAreGivenBack() {
        SourceLeases a = instance("a", LEASE);
        a.tick(SOURCES);

        SourceLeases.Change change = a.tick(List.of("apps"));

        assertThat(a.holds("apps")).isTrue();
        assertThat(change.lost()).containsExactlyInAnyOrder("infra", "platform", "tenants", "tools");
        assertThat(new LeaseStore(pool, schema).owners(SOURCES)).containsOnlyKeys("apps");
    }

    @Test
    void aRenewIntervalNotShorterThanTheLeaseIsRefusedNamingBothSettings() {
        LeaseStore store = new LeaseStore(pool, schema);

        assertThatThrownBy(() -> new SourceLeases(store, "x", Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .hasMessageContaining("flotilla.git.lease.renew-interval")
                .hasMessageContaining("flotilla.git.lease.duration");
    }

    private SourceLeases instance(String id, Duration lease) {
        return new SourceLeases(new LeaseStore(pool, schema), id, lease, lease.dividedBy(3));
    }

    private void sql(String statement) {
        pool.query(statement).execute().toCompletionStage().toCompletableFuture().join();
    }
}
