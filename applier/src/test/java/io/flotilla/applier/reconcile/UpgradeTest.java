package io.flotilla.applier.reconcile;

import static io.flotilla.applier.reconcile.Desired.CONFIG;
import static io.flotilla.applier.reconcile.Desired.WORKLOAD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.flotilla.applier.history.ReadyRevision;
import io.flotilla.applier.history.ReadyRevisions;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.events.Outcome;

class UpgradeTest {

    private final ReadyRevisions revisionOneReady = release -> Optional.of(new ReadyRevision(1,
            Desired.web("d1").objects()));

    @Test
    void appliesTheNewObjectsWithTheUpgradeHooksPruningWhatTheReleaseHad() {
        ScriptedCluster cluster = new ScriptedCluster();

        ActionResult result = upgrade(cluster).reconcile(new ActionRequest(Desired.web("d2"), List.of(CONFIG),
                progress -> { }));

        assertThat(result.report().outcome()).isEqualTo(Outcome.Ready);
        assertThat(cluster.applies).singleElement().satisfies(applied -> {
            assertThat(applied.phase()).isEqualTo(HookPhase.UPGRADE);
            assertThat(applied.inventory()).containsExactly(CONFIG);
        });
    }

    @Test
    void anUpgradeThatFailsWithoutRetriesFailsAndStaysWhereItIs() {
        ScriptedCluster cluster = new ScriptedCluster().answering(
                ScriptedCluster.failedApplying(CONFIG, WORKLOAD, "no room"));

        ActionResult result = upgrade(cluster).reconcile(new ActionRequest(Desired.web("d2"), List.of(CONFIG),
                progress -> { }));

        assertThat(cluster.applies).hasSize(1);
        assertThat(result.report().outcome()).isEqualTo(Outcome.Failed);
        assertThat(result.rollback()).isEmpty();
    }

    @Test
    void anUpgradeWhoseRetriesAreSpentIsRolledBackToTheLastReadyRevision() {
        ScriptedCluster cluster = new ScriptedCluster().answering(
                ScriptedCluster.failedApplying(CONFIG, WORKLOAD, "no room"),
                ScriptedCluster.failedApplying(CONFIG, WORKLOAD, "no room"));

        ActionResult result = upgrade(cluster).reconcile(new ActionRequest(
                Desired.web("d2", Desired.retries(0, 1)), List.of(), progress -> { }));

        assertThat(result.report().outcome()).isEqualTo(Outcome.RolledBack);
        assertThat(result.report().error()).startsWith("upgrade failed after 2 attempts: ")
                .endsWith("; rolled back to revision 1");
        assertThat(result.rollback()).hasValueSatisfying(rollback -> {
            assertThat(rollback.toRevision()).isEqualTo(1);
            assertThat(rollback.restored().objects()).isEqualTo(Desired.web("d1").objects());
        });
        assertThat(cluster.applies).hasSize(3);
    }

    private Upgrade upgrade(ScriptedCluster cluster) {
        return new Upgrade(cluster, new RollbackRemediation(cluster, revisionOneReady));
    }
}
