package io.flotilla.observer.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseReconciled;

class ReleaseStatusTest {

    static final ReleaseKey HELLO = ReleaseKey.parse("prod/apps/hello");

    @Test
    void newerRevisionReplacesTheOlder() {
        ReleaseStatus status = ReleaseStatus.of(applied(1, Outcome.Ready, null));

        status.update(applied(2, Outcome.Failed, "releases/prod/hello.yaml: template failed"));

        assertThat(status.revision).isEqualTo(2);
        assertThat(status.status).isEqualTo(Outcome.Failed);
        assertThat(status.message).isEqualTo("releases/prod/hello.yaml: template failed");
        assertThat(status.sourceSha).isEqualTo("sha-2");
    }

    @Test
    void lateOlderRevisionNeverRollsTheStatusBack() {
        ReleaseStatus status = ReleaseStatus.of(applied(3, Outcome.Ready, null));

        status.update(applied(2, Outcome.Failed, "boom"));

        assertThat(status.revision).isEqualTo(3);
        assertThat(status.status).isEqualTo(Outcome.Ready);
        assertThat(status.message).isNull();
    }

    @Test
    void statusNamesTheReleaseAndItsChart() {
        ReleaseStatus status = ReleaseStatus.of(applied(1, Outcome.Ready, null));

        assertThat(status.releaseKey).isEqualTo("prod/apps/hello");
        assertThat(status.cluster).isEqualTo("prod");
        assertThat(status.namespace).isEqualTo("apps");
        assertThat(status.name).isEqualTo("hello");
        assertThat(status.chart).isEqualTo("hello");
        assertThat(status.chartVersion).isEqualTo("1.2.0");
    }

    @Test
    void aRevisionAppliedIsAReconcileAndALaterReconcileSaysWhatAskedForIt() {
        ReleaseStatus status = ReleaseStatus.of(applied(1, Outcome.Ready, null));
        assertThat(status.reconciledAt).isEqualTo(applied(1, Outcome.Ready, null).appliedAt());
        assertThat(status.reconcileTrigger).isNull();

        Instant later = status.reconciledAt.plusSeconds(300);
        status.update(reconciled(1, Outcome.Ready, "interval", later, "no change"));

        assertThat(status.reconciledAt).isEqualTo(later);
        assertThat(status.reconcileTrigger).isEqualTo("interval");
        assertThat(status.reconcileMessage).isEqualTo("no change");
        assertThat(status.revision).isEqualTo(1);
        assertThat(status.chart).isEqualTo("hello");
    }

    @Test
    void anOlderReconcileReadLateChangesNothing() {
        ReleaseStatus status = ReleaseStatus.of(applied(1, Outcome.Ready, null));
        Instant at = status.reconciledAt;

        status.update(reconciled(1, Outcome.Failed, "retry", at.minusSeconds(60), "old news"));

        assertThat(status.reconciledAt).isEqualTo(at);
        assertThat(status.status).isEqualTo(Outcome.Ready);
        assertThat(status.reconcileMessage).isNull();
    }

    @Test
    void aReconcileOfAReleaseNotSeenYetShowsIt() {
        Instant at = Instant.parse("2026-01-01T01:00:00Z");

        ReleaseStatus status = ReleaseStatus.of(reconciled(4, Outcome.Failed, "retry", at, "waiting for CRD"));

        assertThat(status.releaseKey).isEqualTo("prod/apps/hello");
        assertThat(status.revision).isEqualTo(4);
        assertThat(status.status).isEqualTo(Outcome.Failed);
        assertThat(status.reconciledAt).isEqualTo(at);
    }

    static ReleaseReconciled reconciled(int revision, Outcome outcome, String trigger, Instant at, String message) {
        return new ReleaseReconciled(HELLO, revision, outcome, trigger, at, message);
    }

    static ReleaseApplied applied(int revision, Outcome outcome, String error) {
        return new ReleaseApplied(HELLO, revision, outcome, "sha-" + revision, "releases/prod/hello.yaml", "hello",
                "1.2.0", "digest-" + revision, List.of(), 12, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(revision),
                error);
    }
}
