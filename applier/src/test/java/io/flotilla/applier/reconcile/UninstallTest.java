package io.flotilla.applier.reconcile;

import static io.flotilla.applier.reconcile.Desired.CONFIG;
import static io.flotilla.applier.reconcile.Desired.WORKLOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.flotilla.applier.Renders;
import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.history.ReadyRevision;
import io.flotilla.applier.history.ReadyRevisions;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseOptions;

class UninstallTest {

    private static final ObjectRef FAREWELL = new ObjectRef("batch/v1", "Job", "apps", "web-farewell");
    private static final ObjectRef CLEANUP = new ObjectRef("batch/v1", "Job", "apps", "web-cleanup");

    private final ReadyRevisions readyWithHooks = release -> Optional.of(new ReadyRevision(3,
            Desired.webWithHooks("d3", ReleaseOptions.DEFAULTS).objects()));

    @Test
    void deletesWhatTheReleaseHasOnItsCluster() {
        ScriptedCluster cluster = new ScriptedCluster();

        ActionResult result = new Uninstall(cluster, release -> Optional.empty()).reconcile(removal());

        assertThat(result.report().outcome()).isEqualTo(Outcome.Uninstalled);
        assertThat(cluster.uninstalls).containsExactly(List.of(CONFIG, WORKLOAD));
        assertThat(cluster.applies).isEmpty();
        assertThat(cluster.hookRuns).isEmpty();
    }

    @Test
    void runsTheDeleteHooksOfTheLastReadyRevisionAroundTheDeletion() {
        ScriptedCluster cluster = new ScriptedCluster();

        ActionResult result = new Uninstall(cluster, readyWithHooks).reconcile(removal());

        assertThat(result.report().outcome()).isEqualTo(Outcome.Uninstalled);
        assertThat(cluster.hookRuns).extracting(ScriptedCluster.HooksRun::phase)
                .containsExactly("pre-delete", "post-delete");
        assertThat(result.report().objects()).extracting(ObjectResult::object, ObjectResult::action).containsExactly(
                tuple(FAREWELL, ObjectAction.HOOK),
                tuple(CONFIG, ObjectAction.DELETED),
                tuple(WORKLOAD, ObjectAction.DELETED),
                tuple(CLEANUP, ObjectAction.HOOK));
    }

    @Test
    void aFailedPreDeleteHookStopsTheUninstallAndDeletesNothing() {
        ScriptedCluster cluster = new ScriptedCluster().answeringHooks("pre-delete", ApplyReport.failed(
                "pre-delete hook " + FAREWELL + " failed: BackoffLimitExceeded",
                List.of(new ObjectResult(FAREWELL, ObjectAction.HOOK, "BackoffLimitExceeded"))));

        ActionResult result = new Uninstall(cluster, readyWithHooks).reconcile(removal());

        assertThat(result.report().outcome()).isEqualTo(Outcome.Failed);
        assertThat(result.report().error()).isEqualTo("pre-delete hook Job apps/web-farewell failed: "
                + "BackoffLimitExceeded");
        assertThat(cluster.uninstalls).isEmpty();
    }

    @Test
    void aFailedPostDeleteHookIsToldByAnUninstallThatIsDone() {
        ScriptedCluster cluster = new ScriptedCluster().answeringHooks("post-delete", ApplyReport.failed(
                "post-delete hook " + CLEANUP + " failed: BackoffLimitExceeded",
                List.of(new ObjectResult(CLEANUP, ObjectAction.HOOK, "BackoffLimitExceeded"))));

        ActionResult result = new Uninstall(cluster, readyWithHooks).reconcile(removal());

        assertThat(result.report().outcome()).isEqualTo(Outcome.Uninstalled);
        assertThat(result.report().error()).isEqualTo("uninstalled, but post-delete hook Job apps/web-cleanup "
                + "failed: BackoffLimitExceeded");
        assertThat(cluster.uninstalls).containsExactly(List.of(CONFIG, WORKLOAD));
    }

    @Test
    void deletesNothingOfAReleaseThatDoesNotPrune() {
        ScriptedCluster cluster = new ScriptedCluster();
        ReleaseOptions notPruning = ReleaseOptions.builder().prune(false).build();

        ActionResult result = new Uninstall(cluster, release -> Optional.empty()).reconcile(new ActionRequest(
                DesiredRelease.of(Renders.with(Renders.removed(Desired.WEB), notPruning)), List.of(CONFIG, WORKLOAD),
                progress -> { }));

        assertThat(result.report().outcome()).isEqualTo(Outcome.Uninstalled);
        assertThat(cluster.uninstalls).containsExactly(List.of());
    }

    private static ActionRequest removal() {
        return new ActionRequest(DesiredRelease.of(Renders.removed(Desired.WEB)), List.of(CONFIG, WORKLOAD),
                progress -> { });
    }
}
