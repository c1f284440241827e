package io.flotilla.applier.reconcile;

import static io.flotilla.applier.reconcile.Desired.CONFIG;
import static io.flotilla.applier.reconcile.Desired.WORKLOAD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.history.ReadyRevision;
import io.flotilla.applier.history.ReadyRevisions;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseOptions;

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

    @Test
    void anUpgradeWhoseRetriesAreSpentStaysFailedWhenTheReleaseDoesNotRemedyItsLastFailure() {
        ScriptedCluster cluster = new ScriptedCluster().answering(
                ScriptedCluster.failedApplying(CONFIG, WORKLOAD, "no room"),
                ScriptedCluster.failedApplying(CONFIG, WORKLOAD, "no room"));

        ActionResult result = upgrade(cluster).reconcile(new ActionRequest(Desired.web("d2",
                Desired.retries(0, 1).toBuilder().remediateLastFailure(false).build()), List.of(), progress -> { }));

        assertThat(result.report().outcome()).isEqualTo(Outcome.Failed);
        assertThat(result.report().error()).startsWith("upgrade failed after 2 attempts: ");
        assertThat(result.rollback()).isEmpty();
        assertThat(cluster.applies).extracting(ScriptedCluster.Applied::phase)
                .containsExactly(HookPhase.UPGRADE, HookPhase.UPGRADE);
    }

    @Test
    void anUpgradeOfAReleaseThatRollsBackWithoutRetriesIsTriedOnceAndRolledBackOnce() {
        ScriptedCluster cluster = new ScriptedCluster().answering(
                ScriptedCluster.failedApplying(CONFIG, WORKLOAD, "no room"));
        ReleaseOptions fluxV1RollbackEnabled = ReleaseOptions.builder().remediateLastFailure(true).build();

        ActionResult result = upgrade(cluster).reconcile(new ActionRequest(Desired.web("d2", fluxV1RollbackEnabled),
                List.of(), progress -> { }));

        assertThat(result.report().outcome()).isEqualTo(Outcome.RolledBack);
        assertThat(result.report().error()).doesNotContain("attempts").endsWith("; rolled back to revision 1");
        assertThat(result.rollback()).hasValueSatisfying(rollback -> assertThat(rollback.toRevision()).isEqualTo(1));
        assertThat(cluster.applies).extracting(ScriptedCluster.Applied::phase)
                .containsExactly(HookPhase.UPGRADE, HookPhase.ROLLBACK);
    }

    @Test
    void aFailedTestOfAReleaseThatIgnoresTestFailuresIsToldButTheUpgradeIsReady() {
        ScriptedCluster cluster = whoseTestFails();

        ActionResult result = upgrade(cluster).reconcile(new ActionRequest(Desired.webWithHooks("d2",
                ReleaseOptions.builder().test(true).testIgnoreFailures(true).upgradeRetries(1)
                        .remediateLastFailure(true).build()), List.of(), progress -> { }));

        assertThat(result.report().outcome()).isEqualTo(Outcome.Ready);
        assertThat(result.report().error()).isEqualTo("tests failed, ignored (spec.test.ignoreFailures): test hook "
                + "Job apps/web-test failed: Job apps/web-test failed: BackoffLimitExceeded");
        assertThat(result.report().objects()).filteredOn(object -> object.action() == ObjectAction.HOOK)
                .extracting(ObjectResult::error).containsExactly("BackoffLimitExceeded");
        assertThat(result.rollback()).isEmpty();
        assertThat(cluster.applies).extracting(ScriptedCluster.Applied::phase).containsExactly(HookPhase.UPGRADE);
    }

    @Test
    void aReleaseThatAsksForTestsIsTestedOnceHealthyAndItsMessageNamesTheTestsThatPassed() {
        ScriptedCluster cluster = new ScriptedCluster();

        ActionResult result = upgrade(cluster).reconcile(new ActionRequest(
                Desired.webWithHooks("d2", ReleaseOptions.builder().test(true).build()), List.of(), progress -> { }));

        assertThat(result.report().outcome()).isEqualTo(Outcome.Ready);
        assertThat(cluster.hookRuns).extracting(ScriptedCluster.HooksRun::phase).containsExactly("test");
        assertThat(result.report().objects()).filteredOn(object -> object.action() == ObjectAction.HOOK)
                .extracting(object -> object.object().name()).containsExactly("web-test");
        assertThat(result.report().error()).isEqualTo("tests passed: Job apps/web-test");
    }

    @Test
    void aFailedTestFailsTheUpgradeWhichIsRolledBackWithoutTestingTheRollback() {
        ScriptedCluster cluster = whoseTestFails();

        ActionResult result = upgrade(cluster).reconcile(new ActionRequest(Desired.webWithHooks("d2",
                ReleaseOptions.builder().test(true).upgradeRetries(1).remediateLastFailure(true).build()), List.of(),
                progress -> { }));

        assertThat(result.report().outcome()).isEqualTo(Outcome.RolledBack);
        assertThat(result.report().error()).isEqualTo("upgrade failed after 2 attempts: test hook Job apps/web-test "
                + "failed: Job apps/web-test failed: BackoffLimitExceeded; rolled back to revision 1");
        assertThat(cluster.hookRuns).as("each try of the upgrade tested, the rollback not")
                .extracting(ScriptedCluster.HooksRun::phase).containsExactly("test", "test");
        assertThat(cluster.applies).extracting(ScriptedCluster.Applied::phase)
                .containsExactly(HookPhase.UPGRADE, HookPhase.UPGRADE, HookPhase.ROLLBACK);
    }

    @Test
    void aReleaseThatDoesNotAskForTestsIsNotTested() {
        ScriptedCluster cluster = new ScriptedCluster();

        upgrade(cluster).reconcile(new ActionRequest(Desired.webWithHooks("d2", ReleaseOptions.DEFAULTS), List.of(),
                progress -> { }));

        assertThat(cluster.hookRuns).isEmpty();
    }

    /** A cluster where the release's test Job apps/web-test fails. */
    private static ScriptedCluster whoseTestFails() {
        ObjectRef test = new ObjectRef("batch/v1", "Job", "apps", "web-test");
        return new ScriptedCluster().answeringHooks("test", ApplyReport.failed(
                "test hook " + test + " failed: Job apps/web-test failed: BackoffLimitExceeded",
                List.of(new ObjectResult(test, ObjectAction.HOOK, "BackoffLimitExceeded"))));
    }

    private Upgrade upgrade(ScriptedCluster cluster) {
        return new Upgrade(cluster, new RollbackRemediation(cluster, revisionOneReady));
    }
}
