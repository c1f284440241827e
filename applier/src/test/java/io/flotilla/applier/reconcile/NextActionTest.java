package io.flotilla.applier.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.flotilla.applier.history.ReleaseState;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.DriftMode;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;

class NextActionTest {

    @Test
    void aReleaseNeverAppliedIsInstalled() {
        assertThat(NextAction.after(Optional.empty(), rendered("d1"), Trigger.RENDERING)).isEqualTo(NextAction.INSTALL);
    }

    @Test
    void inputsAlreadyAppliedReadyNeedNothing() {
        Optional<ReleaseState> ready = Optional.of(new ReleaseState(3, Outcome.Ready, "d1", null));

        assertThat(NextAction.after(ready, rendered("d1"), Trigger.RENDERING)).isEqualTo(NextAction.NOTHING);
    }

    @Test
    void changedInputsAreAnUpgrade() {
        Optional<ReleaseState> ready = Optional.of(new ReleaseState(3, Outcome.Ready, "d1", null));

        assertThat(NextAction.after(ready, rendered("d2"), Trigger.RENDERING)).isEqualTo(NextAction.UPGRADE);
    }

    @Test
    void inputsAppliedBeforeAFailureAreUpgradedAgain() {
        Optional<ReleaseState> failed = Optional.of(new ReleaseState(4, Outcome.Failed, "d1", null));

        assertThat(NextAction.after(failed, rendered("d1"), Trigger.RENDERING)).isEqualTo(NextAction.UPGRADE);
    }

    @Test
    void aReleaseWithoutInputDigestIsAlwaysApplied() {
        Optional<ReleaseState> ready = Optional.of(new ReleaseState(1, Outcome.Ready, null, null));

        assertThat(NextAction.after(ready, rendered(null), Trigger.RENDERING)).isEqualTo(NextAction.INSTALL);
    }

    @Test
    void aReleaseThatWasNeverReadyIsInstalledAgainAndOneUninstalledIsInstalledAfresh() {
        assertThat(NextAction.after(Optional.of(new ReleaseState(2, Outcome.Failed, null, null)), rendered("d1"), Trigger.RENDERING))
                .isEqualTo(NextAction.INSTALL);
        assertThat(NextAction.after(Optional.of(new ReleaseState(3, Outcome.Uninstalled, "d1", null)),
                rendered("d2"), Trigger.RENDERING)).isEqualTo(NextAction.INSTALL);
    }

    @Test
    void aFailedRenderIsRecordedWhateverWasAppliedBefore() {
        DesiredRelease failed = DesiredRelease.of(ReleaseRendered.builder().release(new ReleaseKey("dev", "apps", "web"))
                .format(ReleaseFormat.FLUX_V1).repository("repo").sourceSha("abc").sourceFile("releases/dev/web.yaml")
                .inputDigest("d1").error("releases/dev/web.yaml: chart path 'charts/wbe' does not exist").build());
        Optional<ReleaseState> ready = Optional.of(new ReleaseState(1, Outcome.Ready, "d1", null));

        assertThat(NextAction.after(ready, failed, Trigger.RENDERING)).isEqualTo(NextAction.RECORD_RENDER_FAILURE);
    }

    @Test
    void aReleaseRemovedFromGitIsUninstalledOnce() {
        DesiredRelease removed = DesiredRelease.of(ReleaseRendered.builder()
                .release(new ReleaseKey("dev", "apps", "web")).format(ReleaseFormat.FLUX_V1).repository("repo")
                .sourceSha("abc").sourceFile("releases/dev/web.yaml").removed(true).build());

        assertThat(NextAction.after(Optional.of(new ReleaseState(2, Outcome.Failed, "d1", null)), removed, Trigger.RENDERING))
                .isEqualTo(NextAction.UNINSTALL);
        assertThat(NextAction.after(Optional.of(new ReleaseState(3, Outcome.Uninstalled, "d1", null)), removed, Trigger.RENDERING))
                .isEqualTo(NextAction.NOTHING);
        assertThat(NextAction.after(Optional.empty(), removed, Trigger.RENDERING)).isEqualTo(NextAction.NOTHING);
    }

    @Test
    void aSuspendedReleaseIsMarkedSuspendedOnce() {
        DesiredRelease suspended = DesiredRelease.of(renderedEvent("d2").toBuilder()
                .options(ReleaseOptions.builder().suspend(true).build()).build());

        assertThat(NextAction.after(Optional.of(new ReleaseState(1, Outcome.Ready, "d1", null)), suspended, Trigger.RENDERING))
                .isEqualTo(NextAction.SUSPEND);
        assertThat(NextAction.after(Optional.of(new ReleaseState(2, Outcome.Suspended, "d1", null)), suspended, Trigger.RENDERING))
                .isEqualTo(NextAction.NOTHING);
    }

    @Test
    void driftIsCorrectedOnlyOnAReadyReleaseWhoseDriftDetectionIsEnabled() {
        assertThat(NextAction.correctsDrift(Optional.of(new ReleaseState(1, Outcome.Ready, "d1", DriftMode.ENABLED)), DriftMode.WARN))
                .isTrue();
        assertThat(NextAction.correctsDrift(Optional.of(new ReleaseState(1, Outcome.Ready, "d1", DriftMode.WARN)), DriftMode.ENABLED))
                .isFalse();
        assertThat(NextAction.correctsDrift(Optional.of(new ReleaseState(2, Outcome.Failed, "d1", DriftMode.ENABLED)), DriftMode.ENABLED))
                .isFalse();
        assertThat(NextAction.correctsDrift(Optional.empty(), DriftMode.ENABLED)).isFalse();
        assertThat(NextAction.correctsDrift(Optional.of(new ReleaseState(1, Outcome.Ready, "d1", null)), DriftMode.ENABLED))
                .as("a release that names no mode follows the fleet's default").isTrue();
        assertThat(NextAction.correctsDrift(Optional.of(new ReleaseState(1, Outcome.Ready, "d1", null)), DriftMode.WARN))
                .isFalse();
    }

    @Test
    void aRenderingOlderThanTheOneTakenNeedsNothing() {
        Optional<ReleaseState> failedAtCommit9 = Optional.of(new ReleaseState(2, Outcome.Failed, "d1", null, "d2", 9, 1));

        assertThat(NextAction.after(failedAtCommit9, ordered("d0", 8), Trigger.RENDERING)).isEqualTo(NextAction.NOTHING);
        assertThat(NextAction.after(failedAtCommit9, ordered("d3", 10), Trigger.RENDERING))
                .isEqualTo(NextAction.UPGRADE);
    }

    @Test
    void theRenderingOfTheCurrentRevisionDeliveredAgainNeedsNothingWhateverItsOutcomeButItsRetryIsTried() {
        for (Outcome outcome : List.of(Outcome.Failed, Outcome.Suspended, Outcome.Ready)) {
            Optional<ReleaseState> current = Optional.of(new ReleaseState(2, outcome, "d1", null, "d2", 9, 0));
            assertThat(NextAction.after(current, ordered("d2", 9), Trigger.RENDERING)).as(outcome.name())
                    .isEqualTo(NextAction.NOTHING);
        }
        Optional<ReleaseState> failed = Optional.of(new ReleaseState(2, Outcome.Failed, "d1", null, "d2", 9, 1));
        assertThat(NextAction.after(failed, ordered("d2", 9), Trigger.RETRY)).isEqualTo(NextAction.UPGRADE);
    }

    @Test
    void aRenderingHeldWhileItsClusterDidNotAnswerIsAppliedWhenDeliveredAgain() {
        Optional<ReleaseState> unreachable = Optional.of(new ReleaseState(1, Outcome.Unreachable, null, null, "d1", 9, 0));

        assertThat(NextAction.after(unreachable, ordered("d1", 9), Trigger.RENDERING)).isEqualTo(NextAction.INSTALL);
    }

    @Test
    void aReadyReleaseReconciledOnItsIntervalIsVerifiedAgainstTheCluster() {
        Optional<ReleaseState> ready = Optional.of(new ReleaseState(3, Outcome.Ready, "d1", null, "d1", 9, 0));

        for (Trigger trigger : List.of(Trigger.INTERVAL, Trigger.REQUEST, Trigger.CLUSTER)) {
            assertThat(NextAction.after(ready, ordered("d1", 9), trigger)).as(trigger.wire())
                    .isEqualTo(NextAction.VERIFY);
        }
    }

    private static DesiredRelease ordered(String inputDigest, long commitOrder) {
        return DesiredRelease.of(renderedEvent(inputDigest).toBuilder().commitOrder(commitOrder).build());
    }

    private static DesiredRelease rendered(String inputDigest) {
        return DesiredRelease.of(renderedEvent(inputDigest));
    }

    private static ReleaseRendered renderedEvent(String inputDigest) {
        return ReleaseRendered.builder().release(new ReleaseKey("dev", "apps", "web")).format(ReleaseFormat.FLUX_V1)
                .repository("repo").sourceSha("abc").sourceFile("releases/dev/web.yaml").chart("web", "1.0.0")
                .chartDigest("c").valuesDigest("v").inputDigest(inputDigest)
                .objects(List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "web"))))
                .build();
    }
}
