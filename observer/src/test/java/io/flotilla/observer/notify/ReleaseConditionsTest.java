package io.flotilla.observer.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flotilla.events.DriftFound;
import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseReconciled;
import io.flotilla.events.RolloutHeld;
import io.flotilla.observer.delivery.ReceiversTestResource;
import io.flotilla.observer.timeline.EventView;
import io.flotilla.observer.timeline.TimelineEvent;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Which events a receiver hears of: changes of a release's condition, each once, kept in the observer's PostgreSQL so
 * that a restarted observer (a new {@link ReleaseConditions} on the same database) or another instance neither tells a
 * condition again nor misses its end.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
@QuarkusTestResource(ReceiversTestResource.class)
class ReleaseConditionsTest {

    @Inject
    ConditionStore store;

    private ReleaseKey web;
    private ReleaseConditions conditions;

    @BeforeEach
    void newRelease() {
        web = new ReleaseKey("prod", "apps", "web-" + UUID.randomUUID().toString().substring(0, 8));
        conditions = new ReleaseConditions(store);
    }

    @Test
    void aReleaseFailingAgainIsToldOnceAndReadyAgainIsRecovered() {
        assertThat(seen(applied(1, Outcome.Failed, "Deployment apps/web: ImagePullBackOff")))
                .containsExactly("FAILED " + web + " Deployment apps/web: ImagePullBackOff");
        assertThat(seen(applied(2, Outcome.Failed, "Deployment apps/web: ImagePullBackOff"))).isEmpty();
        assertThat(seen(new ReleaseReconciled(web, 2, Outcome.Failed, "retry", Instant.now(), "still failing")))
                .isEmpty();
        assertThat(seen(new ReleaseReconciled(web, 2, Outcome.Ready, "retry", Instant.now(), "ready")))
                .containsExactly("RECOVERED " + web + " null");
        assertThat(seen(applied(3, Outcome.Ready, null))).isEmpty();
    }

    @Test
    void driftFoundIsToldOnceAndItsEndIsRecovered() {
        DriftFound.DriftedObject replicas = new DriftFound.DriftedObject(
                new ObjectRef("apps/v1", "Deployment", "apps", "web"), List.of("spec.replicas"), false, "kubectl", null);
        DriftFound.DriftedObject config = new DriftFound.DriftedObject(
                new ObjectRef("v1", "ConfigMap", "apps", "web"), List.of(), true, null, null);

        assertThat(seen(new DriftFound(web, 1, List.of(replicas, config))))
                .containsExactly("DRIFTED " + web + " Deployment apps/web: spec.replicas, and 1 more objects");
        assertThat(seen(new DriftFound(web, 1, List.of(replicas)))).isEmpty();
        assertThat(seen(new ReleaseReconciled(web, 1, Outcome.Ready, "interval", Instant.now(), "drift warned of")))
                .isEmpty();
        assertThat(seen(new DriftFound(web, 1, List.of()))).containsExactly("RECOVERED " + web + " drift gone");
        assertThat(seen(new DriftFound(web, 1, List.of()))).isEmpty();
    }

    @Test
    void aHaltedRolloutIsToldOncePerCommitAndAHoldThatIsNoHaltNever() {
        assertThat(seen(held(false, "c0ffee1"))).isEmpty();
        assertThat(seen(held(true, "c0ffee1"))).containsExactly("ROLLOUT_HALTED " + web + " failed on dev");
        assertThat(seen(held(true, "c0ffee1"))).isEmpty();
        assertThat(seen(held(true, "c0ffee2"))).containsExactly("ROLLOUT_HALTED " + web + " failed on dev");
    }

    private List<String> seen(Event event) {
        return conditions.seen(EventView.of(TimelineEvent.of(Envelope.first("test", event)))).stream()
                .map(change -> change.kind() + " " + change.release() + " " + change.detail()).toList();
    }

    @Test
    void anObserverStartedAgainDoesNotTellAFailureTwiceAndTellsItsRecovery() {
        assertThat(seen(applied(1, Outcome.Failed, "Job apps/migrate: BackoffLimitExceeded")))
                .containsExactly("FAILED " + web + " Job apps/migrate: BackoffLimitExceeded");

        conditions = new ReleaseConditions(store);

        assertThat(seen(applied(2, Outcome.Failed, "Job apps/migrate: BackoffLimitExceeded"))).isEmpty();
        assertThat(seen(applied(3, Outcome.Ready, null))).containsExactly("RECOVERED " + web + " null");
    }

    @Test
    void anUninstalledReleaseIsForgottenSoItsReturnIsToldAfresh() {
        assertThat(seen(applied(1, Outcome.Failed, "Deployment apps/web: ImagePullBackOff"))).hasSize(1);
        assertThat(seen(applied(2, Outcome.Uninstalled, null))).isEmpty();

        assertThat(seen(applied(3, Outcome.Failed, "Deployment apps/web: ImagePullBackOff")))
                .containsExactly("FAILED " + web + " Deployment apps/web: ImagePullBackOff");
    }

    private ReleaseApplied applied(int revision, Outcome outcome, String error) {
        return ReleaseApplied.builder().release(web).revision(revision).outcome(outcome).sourceSha("c0ffee" + revision)
                .error(error).build();
    }

    private RolloutHeld held(boolean halted, String sha) {
        return new RolloutHeld(web, "main", 2, "prod", halted, "dev", "failed on dev", sha, 1, Instant.now());
    }
}
