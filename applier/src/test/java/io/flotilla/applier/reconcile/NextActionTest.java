package io.flotilla.applier.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.flotilla.applier.history.ReleaseState;
import io.flotilla.applier.history.Suspension;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.applier.rollout.Gate;
import io.flotilla.applier.rollout.PreviousWave;
import io.flotilla.applier.rollout.WaveGate;
import io.flotilla.events.DriftMode;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Rollout;

class NextActionTest {

    @Test
    void aReleaseNeverAppliedIsInstalled() {
        assertThat(after(Optional.empty(), rendered("d1"), Trigger.RENDERING)).isEqualTo(NextAction.INSTALL);
    }

    @Test
    void inputsAlreadyAppliedReadyNeedNothing() {
        Optional<ReleaseState> ready = Optional.of(new ReleaseState(3, Outcome.Ready, "d1", null));

        assertThat(after(ready, rendered("d1"), Trigger.RENDERING)).isEqualTo(NextAction.NOTHING);
    }

    @Test
    void changedInputsAreAnUpgrade() {
        Optional<ReleaseState> ready = Optional.of(new ReleaseState(3, Outcome.Ready, "d1", null));

        assertThat(after(ready, rendered("d2"), Trigger.RENDERING)).isEqualTo(NextAction.UPGRADE);
    }

    @Test
    void inputsAppliedBeforeAFailureAreUpgradedAgain() {
        Optional<ReleaseState> failed = Optional.of(new ReleaseState(4, Outcome.Failed, "d1", null));

        assertThat(after(failed, rendered("d1"), Trigger.RENDERING)).isEqualTo(NextAction.UPGRADE);
    }

    @Test
    void aReleaseWithoutInputDigestIsAlwaysApplied() {
        Optional<ReleaseState> ready = Optional.of(new ReleaseState(1, Outcome.Ready, null, null));

        assertThat(after(ready, rendered(null), Trigger.RENDERING)).isEqualTo(NextAction.INSTALL);
    }

    @Test
    void aReleaseThatWasNeverReadyIsInstalledAgainAndOneUninstalledIsInstalledAfresh() {
        assertThat(after(Optional.of(new ReleaseState(2, Outcome.Failed, null, null)), rendered("d1"), Trigger.RENDERING))
                .isEqualTo(NextAction.INSTALL);
        assertThat(after(Optional.of(new ReleaseState(3, Outcome.Uninstalled, "d1", null)),
                rendered("d2"), Trigger.RENDERING)).isEqualTo(NextAction.INSTALL);
    }

    @Test
    void aFailedRenderIsRecordedWhateverWasAppliedBefore() {
        DesiredRelease failed = DesiredRelease.of(ReleaseRendered.builder().release(new ReleaseKey("dev", "apps", "web"))
                .format(ReleaseFormat.FLUX_V1).repository("repo").sourceSha("abc").sourceFile("releases/dev/web.yaml")
                .inputDigest("d1").error("releases/dev/web.yaml: chart path 'charts/wbe' does not exist").build());
        Optional<ReleaseState> ready = Optional.of(new ReleaseState(1, Outcome.Ready, "d1", null));

        assertThat(after(ready, failed, Trigger.RENDERING)).isEqualTo(NextAction.RECORD_RENDER_FAILURE);
    }

    @Test
    void aReleaseRemovedFromGitIsUninstalledOnce() {
        DesiredRelease removed = DesiredRelease.of(ReleaseRendered.builder()
                .release(new ReleaseKey("dev", "apps", "web")).format(ReleaseFormat.FLUX_V1).repository("repo")
                .sourceSha("abc").sourceFile("releases/dev/web.yaml").removed(true).build());

        assertThat(after(Optional.of(new ReleaseState(2, Outcome.Failed, "d1", null)), removed, Trigger.RENDERING))
                .isEqualTo(NextAction.UNINSTALL);
        assertThat(after(Optional.of(new ReleaseState(3, Outcome.Uninstalled, "d1", null)), removed, Trigger.RENDERING))
                .isEqualTo(NextAction.NOTHING);
        assertThat(after(Optional.empty(), removed, Trigger.RENDERING)).isEqualTo(NextAction.NOTHING);
    }

    @Test
    void aReleaseSuspendedByHandIsMarkedOnceThenKeepsNewRenderingsUntilResumedAndItsDriftIsLeft() {
        Suspension byHand = new Suspension("alice", Instant.parse("2026-12-06T16:00:00Z"), "freeze");
        Optional<ReleaseState> ready = Optional.of(suspended(Outcome.Ready, byHand));
        Optional<ReleaseState> marked = Optional.of(suspended(Outcome.Suspended, byHand));
        DesiredRelease removed = DesiredRelease.of(renderedEvent("d3").toBuilder().removed(true).build());

        assertThat(after(ready, rendered("d1"), Trigger.REQUEST)).isEqualTo(NextAction.SUSPEND);
        assertThat(after(marked, rendered("d2"), Trigger.RENDERING)).isEqualTo(NextAction.NOTHING);
        assertThat(after(marked, removed, Trigger.RENDERING)).isEqualTo(NextAction.NOTHING);
        assertThat(after(marked, removed, Trigger.CLUSTER_REMOVED)).as("its cluster left asking for an uninstall")
                .isEqualTo(NextAction.UNINSTALL);
        assertThat(after(marked, rendered("d2"), Trigger.INTERVAL)).isEqualTo(NextAction.NOTHING);
        assertThat(NextAction.correctsDrift(ready, DriftMode.ENABLED)).isFalse();
        assertThat(after(Optional.of(suspended(Outcome.Suspended, null)), rendered("d2"), Trigger.REQUEST))
                .as("resumed: the newest rendering is applied").isEqualTo(NextAction.UPGRADE);
    }

    private static ReleaseState suspended(Outcome status, Suspension suspension) {
        return new ReleaseState(2, status, "d1", DriftMode.ENABLED, "d1", 0, 0, 0, null, null, 0, suspension);
    }

    @Test
    void aSuspendedReleaseIsMarkedSuspendedOnce() {
        DesiredRelease suspended = DesiredRelease.of(renderedEvent("d2").toBuilder()
                .options(ReleaseOptions.builder().suspend(true).build()).build());

        assertThat(after(Optional.of(new ReleaseState(1, Outcome.Ready, "d1", null)), suspended, Trigger.RENDERING))
                .isEqualTo(NextAction.SUSPEND);
        assertThat(after(Optional.of(new ReleaseState(2, Outcome.Suspended, "d1", null)), suspended, Trigger.RENDERING))
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

        assertThat(after(failedAtCommit9, ordered("d0", 8), Trigger.RENDERING)).isEqualTo(NextAction.NOTHING);
        assertThat(after(failedAtCommit9, ordered("d3", 10), Trigger.RENDERING))
                .isEqualTo(NextAction.UPGRADE);
    }

    @Test
    void theRenderingOfTheCurrentRevisionDeliveredAgainNeedsNothingWhateverItsOutcomeButItsRetryIsTried() {
        for (Outcome outcome : List.of(Outcome.Failed, Outcome.Suspended, Outcome.Ready)) {
            Optional<ReleaseState> current = Optional.of(new ReleaseState(2, outcome, "d1", null, "d2", 9, 0));
            assertThat(after(current, ordered("d2", 9), Trigger.RENDERING)).as(outcome.name())
                    .isEqualTo(NextAction.NOTHING);
        }
        Optional<ReleaseState> failed = Optional.of(new ReleaseState(2, Outcome.Failed, "d1", null, "d2", 9, 1));
        assertThat(after(failed, ordered("d2", 9), Trigger.RETRY)).isEqualTo(NextAction.UPGRADE);
    }

    @Test
    void aRenderingHeldWhileItsClusterDidNotAnswerIsAppliedWhenDeliveredAgain() {
        Optional<ReleaseState> unreachable = Optional.of(new ReleaseState(1, Outcome.Unreachable, null, null, "d1", 9, 0));

        assertThat(after(unreachable, ordered("d1", 9), Trigger.RENDERING)).isEqualTo(NextAction.INSTALL);
    }

    @Test
    void aReadyReleaseReconciledOnItsIntervalIsVerifiedAgainstTheCluster() {
        Optional<ReleaseState> ready = Optional.of(new ReleaseState(3, Outcome.Ready, "d1", null, "d1", 9, 0));

        for (Trigger trigger : List.of(Trigger.INTERVAL, Trigger.REQUEST, Trigger.CLUSTER)) {
            assertThat(after(ready, ordered("d1", 9), trigger)).as(trigger.wire())
                    .isEqualTo(NextAction.VERIFY);
        }
    }

    @Test
    void aRenderingOfALaterWaveIsHeldUntilTheWaveBeforeIsReadyAtItsCommitOrderOrLater() {
        DesiredRelease prod = wave("d2", 12, 0, Map.of("stg", 12L));
        Optional<ReleaseState> readyAtD1 = Optional.of(new ReleaseState(1, Outcome.Ready, "d1", null, "d1", 10, 0));

        assertThat(NextAction.after(readyAtD1, prod, Trigger.RENDERING, previousWave()))
                .as("not applied on stg yet").isEqualTo(NextAction.HOLD);
        assertThat(NextAction.after(readyAtD1, prod, Trigger.RENDERING, previousWave("stg", ready(11, 600))))
                .as("Ready on stg at an older commit").isEqualTo(NextAction.HOLD);
        assertThat(NextAction.after(readyAtD1, prod, Trigger.RENDERING, previousWave("stg", ready(12, 0))))
                .isEqualTo(NextAction.UPGRADE);
        assertThat(NextAction.after(readyAtD1, prod, Trigger.RENDERING, previousWave("stg", ready(13, 0))))
                .as("Ready at a newer commit").isEqualTo(NextAction.UPGRADE);
        assertThat(NextAction.after(Optional.empty(), prod, Trigger.RENDERING, previousWave("stg", ready(12, 0))))
                .isEqualTo(NextAction.INSTALL);
    }

    @Test
    void theWaveBeforeMustHaveBeenReadyForTheSoakTime() {
        DesiredRelease prod = wave("d2", 12, 60, Map.of("stg", 12L));

        assertThat(NextAction.after(Optional.empty(), prod, Trigger.RENDERING, previousWave("stg", ready(12, 10))))
                .isEqualTo(NextAction.HOLD);
        assertThat(WaveGate.decide(prod, Optional.empty(), previousWave("stg", ready(12, 10))).reason())
                .startsWith("apps/web is Ready on stg since ").endsWith("; soaking 60s before the next wave");
        assertThat(NextAction.after(Optional.empty(), prod, Trigger.RENDERING, previousWave("stg", ready(12, 61))))
                .isEqualTo(NextAction.INSTALL);
    }

    @Test
    void aFailureOnTheWaveBeforeAtTheCommitOrderOrLaterHaltsTheRollout() {
        DesiredRelease prod = wave("d2", 12, 0, Map.of("stg", 12L));
        for (Outcome failed : List.of(Outcome.Failed, Outcome.RolledBack)) {
            PreviousWave stg = previousWave("stg", new ReleaseState(2, failed, "d1", null, "d2", 12, 1));

            assertThat(NextAction.after(Optional.empty(), prod, Trigger.RENDERING, stg)).isEqualTo(NextAction.HOLD);
            Gate gate = WaveGate.decide(prod, Optional.empty(), stg);
            assertThat(gate.halted()).as(failed.name()).isTrue();
            assertThat(gate.blockingCluster()).isEqualTo("stg");
            assertThat(gate.reason()).isEqualTo("apps/web is " + failed + " on stg at commit order 12; the rollout is "
                    + "halted until it is Ready there (push a fix) or resumed (flotilla rollout resume --release "
                    + "apps/web)");
        }
        PreviousWave failedBefore = previousWave("stg", new ReleaseState(2, Outcome.Failed, "d1", null, "d0", 11, 1));
        assertThat(WaveGate.decide(prod, Optional.empty(), failedBefore).state())
                .as("a failure at an older commit is not this rollout's").isEqualTo(Gate.State.WAITING);
    }

    @Test
    void aHaltWinsOverAWaitAndTheBlockingClusterIsTheFirstByName() {
        DesiredRelease prod = wave("d2", 12, 0, Map.of("stg-b", 12L, "stg-a", 12L, "stg-c", 12L));
        Map<ReleaseKey, ReleaseState> states = Map.of(
                new ReleaseKey("stg-a", "apps", "web"), ready(10, 0),
                new ReleaseKey("stg-b", "apps", "web"), ready(12, 0),
                new ReleaseKey("stg-c", "apps", "web"), new ReleaseState(3, Outcome.Failed, "d1", null, "d2", 12, 1));

        Gate halted = WaveGate.decide(prod, Optional.empty(), new PreviousWave(states, Instant.now()));
        Gate waiting = WaveGate.decide(prod, Optional.empty(), new PreviousWave(Map.of(
                new ReleaseKey("stg-b", "apps", "web"), ready(10, 0)), Instant.now()));

        assertThat(halted.halted()).isTrue();
        assertThat(halted.blockingCluster()).isEqualTo("stg-c");
        assertThat(waiting.state()).isEqualTo(Gate.State.WAITING);
        assertThat(waiting.blockingCluster()).isEqualTo("stg-a");
        assertThat(waiting.reason()).isEqualTo("apps/web is not applied on stg-a yet; waiting for it to be Ready "
                + "there at commit order 12 or later");
    }

    @Test
    void aRolloutResumedByHandPassesTheGateForTheRenderingHeldThenButNotForANewerOne() {
        PreviousWave stgFailed = previousWave("stg", new ReleaseState(2, Outcome.Failed, "d1", null, "d2", 12, 1));
        Optional<ReleaseState> resumedAt12 = Optional.of(new ReleaseState(1, Outcome.Ready, "d1", null, "d1", 12, 0,
                10, Instant.now(), null, 12));

        assertThat(NextAction.after(resumedAt12, wave("d2", 12, 0, Map.of("stg", 12L)), Trigger.INTERVAL, stgFailed))
                .isEqualTo(NextAction.UPGRADE);
        assertThat(NextAction.after(resumedAt12, wave("d3", 13, 0, Map.of("stg", 13L)), Trigger.RENDERING, stgFailed))
                .isEqualTo(NextAction.HOLD);
    }

    @Test
    void onlyWhatWouldBeAppliedMeetsTheGate() {
        PreviousWave nothingOnStg = previousWave();
        Optional<ReleaseState> readyAtD2 = Optional.of(new ReleaseState(1, Outcome.Ready, "d2", null, "d2", 12, 0));

        assertThat(NextAction.after(readyAtD2, wave("d2", 13, 0, Map.of("stg", 13L)), Trigger.RENDERING, nothingOnStg))
                .as("the inputs applied already").isEqualTo(NextAction.NOTHING);
        assertThat(NextAction.after(readyAtD2, wave("d2", 12, 0, Map.of("stg", 12L)), Trigger.INTERVAL, nothingOnStg))
                .as("a reconcile of what was applied").isEqualTo(NextAction.VERIFY);
        assertThat(NextAction.after(readyAtD2, wave("d3", 13, 0, Map.of()), Trigger.RENDERING, nothingOnStg))
                .as("the first wave").isEqualTo(NextAction.UPGRADE);
        DesiredRelease removed = DesiredRelease.of(ReleaseRendered.builder().release(new ReleaseKey("prod", "apps",
                "web")).removed(true).commitOrder(13).rollout(new Rollout("web", 2, "prod", 0, Map.of("stg", 13L)))
                .build());
        assertThat(NextAction.after(readyAtD2, removed, Trigger.RENDERING, nothingOnStg))
                .isEqualTo(NextAction.UNINSTALL);
    }

    /** The release {@code apps/web} on prod, in wave 2 of rollout {@code web}, after the clusters given. */
    private static DesiredRelease wave(String inputDigest, long commitOrder, long soakSeconds,
            Map<String, Long> previousWave) {
        return DesiredRelease.of(renderedEvent(inputDigest).toBuilder().release(new ReleaseKey("prod", "apps", "web"))
                .commitOrder(commitOrder).rollout(new Rollout("web", 2, "prod", soakSeconds, previousWave)).build());
    }

    /** Ready at the commit order since {@code secondsAgo}. */
    private static ReleaseState ready(long commitOrder, long secondsAgo) {
        return new ReleaseState(1, Outcome.Ready, "d", null, "d", commitOrder, 0, commitOrder,
                Instant.now().minusSeconds(secondsAgo), null, 0);
    }

    private static PreviousWave previousWave() {
        return PreviousWave.none(Instant.now());
    }

    private static PreviousWave previousWave(String cluster, ReleaseState state) {
        return new PreviousWave(Map.of(new ReleaseKey(cluster, "apps", "web"), state), Instant.now());
    }

    private static NextAction after(Optional<ReleaseState> current, DesiredRelease desired, Trigger trigger) {
        return NextAction.after(current, desired, trigger, PreviousWave.none(Instant.now()));
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
