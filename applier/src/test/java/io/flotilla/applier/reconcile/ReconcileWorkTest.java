package io.flotilla.applier.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.flotilla.events.ReleaseKey;

/** Which reconcile of a release a queue keeps when two are asked for; nothing here runs, so nothing is wired. */
class ReconcileWorkTest {

    private static final ReleaseKey WEB = new ReleaseKey("dev", "apps", "web");

    @Test
    void oneScheduledReconcileQueuedIsEnough() {
        assertThat(work(Trigger.INTERVAL).replaces(work(Trigger.CLUSTER))).isTrue();
        assertThat(work(Trigger.CLUSTER).replaces(work(Trigger.INTERVAL))).isTrue();
    }

    @Test
    void aRequestIsNeverLetGoForAScheduledOneButTakesItsPlace() {
        assertThat(work(Trigger.INTERVAL).replaces(work(Trigger.REQUEST))).isFalse();
        assertThat(work(Trigger.REQUEST).replaces(work(Trigger.INTERVAL))).isTrue();
        assertThat(work(Trigger.REQUEST).replaces(work(Trigger.REQUEST))).isTrue();
    }

    private static ReconcileWork work(Trigger asked) {
        return new ReconcileWork(WEB, asked, null, null, null);
    }
}
