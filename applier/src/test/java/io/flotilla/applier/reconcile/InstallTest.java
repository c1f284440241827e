package io.flotilla.applier.reconcile;

import static io.flotilla.applier.reconcile.Desired.CONFIG;
import static io.flotilla.applier.reconcile.Desired.WORKLOAD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.Outcome;

class InstallTest {

    @Test
    void appliesTheReleaseWithTheInstallHooksAndSaysItIsProgressingWhileItsWorkloadsRollOut() {
        ScriptedCluster cluster = new ScriptedCluster();
        List<ApplyReport> progress = new ArrayList<>();

        ActionResult result = new Install(cluster, desired -> Optional.empty()).reconcile(new ActionRequest(Desired.web("d1"), List.of(),
                progress::add));

        assertThat(result.report().outcome()).isEqualTo(Outcome.Ready);
        assertThat(result.rollback()).isEmpty();
        assertThat(cluster.applies).extracting(ScriptedCluster.Applied::phase).containsExactly(HookPhase.INSTALL);
        assertThat(progress).extracting(ApplyReport::outcome).containsExactly(Outcome.Progressing);
    }

    @Test
    void aFailingInstallIsTriedAsOftenAsItsRetriesAllowThenFailsCountingTheAttempts() {
        ScriptedCluster cluster = new ScriptedCluster().answering(
                ScriptedCluster.failedApplying(CONFIG, WORKLOAD, "no room"),
                ScriptedCluster.failedApplying(CONFIG, WORKLOAD, "no room"),
                ScriptedCluster.failedApplying(CONFIG, WORKLOAD, "still no room"));

        ActionResult result = new Install(cluster, desired -> Optional.empty()).reconcile(new ActionRequest(
                Desired.web("d1", Desired.retries(2, 0)), List.of(), progress -> { }));

        assertThat(cluster.applies).hasSize(3);
        assertThat(result.report().outcome()).isEqualTo(Outcome.Failed);
        assertThat(result.report().error()).startsWith("install failed after 3 attempts: 1 of 2 objects failed: ")
                .endsWith("still no room");
    }

    @Test
    void aRetryThatSucceedsEndsTheTries() {
        ScriptedCluster cluster = new ScriptedCluster().answering(
                ScriptedCluster.failedApplying(CONFIG, WORKLOAD, "no room"));

        ActionResult result = new Install(cluster, desired -> Optional.empty()).reconcile(new ActionRequest(
                Desired.web("d1", Desired.retries(2, 0)), List.of(), progress -> { }));

        assertThat(cluster.applies).hasSize(2);
        assertThat(result.report().outcome()).isEqualTo(Outcome.Ready);
    }

    @Test
    void aClusterThatDoesNotAnswerEndsTheTries() {
        ScriptedCluster cluster = new ScriptedCluster().answering(
                ApplyReport.unreachable("cluster 'dev' does not answer", List.of()));

        ActionResult result = new Install(cluster, desired -> Optional.empty()).reconcile(new ActionRequest(
                Desired.web("d1", Desired.retries(2, 0)), List.of(), progress -> { }));

        assertThat(cluster.applies).hasSize(1);
        assertThat(result.report().outcome()).isEqualTo(Outcome.Unreachable);
    }

    @Test
    void aReleaseHelmDeployedBeforeIsTakenOverWithTheUpgradeHooksNotTheInstallOnes() {
        ScriptedCluster cluster = new ScriptedCluster();

        ActionResult result = new Install(cluster, desired -> Optional.of(List.of())).reconcile(
                new ActionRequest(Desired.web("d1"), List.of(), progress -> { }));

        assertThat(result.report().outcome()).isEqualTo(Outcome.Ready);
        assertThat(cluster.applies).extracting(ScriptedCluster.Applied::phase).containsExactly(HookPhase.UPGRADE);
    }

    @Test
    void theObjectsOfHelmsDeployedRevisionCountAsTheReleasesToPruneThoseItNoLongerRenders() {
        ScriptedCluster cluster = new ScriptedCluster();
        ObjectRef legacy = new ObjectRef("v1", "ConfigMap", "apps", "web-legacy");

        new Install(cluster, desired -> Optional.of(List.of(CONFIG, legacy))).reconcile(new ActionRequest(
                Desired.web("d1"), List.of(WORKLOAD), progress -> { }));

        assertThat(cluster.applies).singleElement().satisfies(applied -> assertThat(applied.inventory())
                .containsExactlyInAnyOrder(WORKLOAD, CONFIG, legacy));
    }
}
