package io.flotilla.observer.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

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
import io.flotilla.observer.timeline.EventView;
import io.flotilla.observer.timeline.TimelineEvent;

/** Which events a receiver hears of: changes of a release's condition, each once. */
class ReleaseConditionsTest {

    private static final ReleaseKey WEB = new ReleaseKey("prod", "apps", "web");

    private final ReleaseConditions conditions = new ReleaseConditions();

    @Test
    void aReleaseFailingAgainIsToldOnceAndReadyAgainIsRecovered() {
        assertThat(seen(applied(1, Outcome.Failed, "Deployment apps/web: ImagePullBackOff")))
                .containsExactly("FAILED prod/apps/web Deployment apps/web: ImagePullBackOff");
        assertThat(seen(applied(2, Outcome.Failed, "Deployment apps/web: ImagePullBackOff"))).isEmpty();
        assertThat(seen(new ReleaseReconciled(WEB, 2, Outcome.Failed, "retry", Instant.now(), "still failing")))
                .isEmpty();
        assertThat(seen(new ReleaseReconciled(WEB, 2, Outcome.Ready, "retry", Instant.now(), "ready")))
                .containsExactly("RECOVERED prod/apps/web null");
        assertThat(seen(applied(3, Outcome.Ready, null))).isEmpty();
    }

    @Test
    void driftFoundIsToldOnceAndItsEndIsRecovered() {
        DriftFound.DriftedObject replicas = new DriftFound.DriftedObject(
                new ObjectRef("apps/v1", "Deployment", "apps", "web"), List.of("spec.replicas"), false, "kubectl", null);
        DriftFound.DriftedObject config = new DriftFound.DriftedObject(
                new ObjectRef("v1", "ConfigMap", "apps", "web"), List.of(), true, null, null);

        assertThat(seen(new DriftFound(WEB, 1, List.of(replicas, config))))
                .containsExactly("DRIFTED prod/apps/web Deployment apps/web: spec.replicas, and 1 more objects");
        assertThat(seen(new DriftFound(WEB, 1, List.of(replicas)))).isEmpty();
        assertThat(seen(new ReleaseReconciled(WEB, 1, Outcome.Ready, "interval", Instant.now(), "drift warned of")))
                .isEmpty();
        assertThat(seen(new DriftFound(WEB, 1, List.of()))).containsExactly("RECOVERED prod/apps/web drift gone");
        assertThat(seen(new DriftFound(WEB, 1, List.of()))).isEmpty();
    }

    @Test
    void aHaltedRolloutIsToldOncePerCommitAndAHoldThatIsNoHaltNever() {
        assertThat(seen(held(false, "c0ffee1"))).isEmpty();
        assertThat(seen(held(true, "c0ffee1"))).containsExactly("ROLLOUT_HALTED prod/apps/web failed on dev");
        assertThat(seen(held(true, "c0ffee1"))).isEmpty();
        assertThat(seen(held(true, "c0ffee2"))).containsExactly("ROLLOUT_HALTED prod/apps/web failed on dev");
    }

    private List<String> seen(Event event) {
        return conditions.seen(EventView.of(TimelineEvent.of(Envelope.first("test", event)))).stream()
                .map(change -> change.kind() + " " + change.release() + " " + change.detail()).toList();
    }

    private static ReleaseApplied applied(int revision, Outcome outcome, String error) {
        return ReleaseApplied.builder().release(WEB).revision(revision).outcome(outcome).sourceSha("c0ffee" + revision)
                .error(error).build();
    }

    private static RolloutHeld held(boolean halted, String sha) {
        return new RolloutHeld(WEB, "main", 2, "prod", halted, "dev", "failed on dev", sha, 1, Instant.now());
    }
}
