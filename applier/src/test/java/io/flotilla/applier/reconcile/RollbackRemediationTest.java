package io.flotilla.applier.reconcile;

import static io.flotilla.applier.reconcile.Desired.CONFIG;
import static io.flotilla.applier.reconcile.Desired.WORKLOAD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.history.ReadyRevision;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;

class RollbackRemediationTest {

    private static final ObjectRef ADDED = new ObjectRef("v1", "Secret", null, "web-new");

    @Test
    void rollsBackToTheObjectsOfTheLastReadyRevisionPruningWhatTheFailedUpgradeAdded() {
        ScriptedCluster cluster = new ScriptedCluster();

        ActionResult result = new RollbackRemediation(cluster,
                release -> Optional.of(new ReadyRevision(4, Desired.web("d1").objects())))
                .reconcile(failedUpgrade());

        assertThat(result.report().outcome()).isEqualTo(Outcome.RolledBack);
        assertThat(result.report().error()).isEqualTo("upgrade failed after 2 attempts: no room; "
                + "rolled back to revision 4");
        assertThat(cluster.applies).singleElement().satisfies(applied -> {
            assertThat(applied.desired().objects()).isEqualTo(Desired.web("d1").objects());
            assertThat(applied.desired().inputDigest()).isEqualTo("d2");
            assertThat(applied.inventory()).containsExactly(CONFIG, ADDED);
            assertThat(applied.phase()).as("the rollback hooks of the revision rolled back to")
                    .isEqualTo(HookPhase.ROLLBACK);
        });
    }

    @Test
    void withoutAReadyRevisionTheFailureStands() {
        ScriptedCluster cluster = new ScriptedCluster();

        ActionResult result = new RollbackRemediation(cluster, release -> Optional.empty()).reconcile(failedUpgrade());

        assertThat(cluster.applies).isEmpty();
        assertThat(result.report().error()).isEqualTo("upgrade failed after 2 attempts: no room");
        assertThat(result.rollback()).isEmpty();
    }

    @Test
    void aRollbackThatFailsTooSaysSo() {
        ScriptedCluster cluster = new ScriptedCluster().answering(
                ScriptedCluster.failedApplying(CONFIG, WORKLOAD, "still no room"));

        ActionResult result = new RollbackRemediation(cluster,
                release -> Optional.of(new ReadyRevision(4, Desired.web("d1").objects())))
                .reconcile(failedUpgrade());

        assertThat(result.report().outcome()).isEqualTo(Outcome.Failed);
        assertThat(result.report().error()).startsWith("upgrade failed after 2 attempts: no room; "
                + "the rollback to revision 4 failed too: 1 of 2 objects failed: ");
        assertThat(result.rollback()).isEmpty();
    }

    private static ActionRequest failedUpgrade() {
        return new ActionRequest(Desired.web("d2"), List.of(CONFIG), progress -> { })
                .remedying(ApplyReport.failed("upgrade failed after 2 attempts: no room",
                        List.of(ObjectResult.applied(ADDED), ObjectResult.failed(WORKLOAD, "no room"))));
    }
}
