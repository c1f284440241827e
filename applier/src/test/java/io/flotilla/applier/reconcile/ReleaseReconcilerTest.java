package io.flotilla.applier.reconcile;

import static io.flotilla.applier.Manifests.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.applier.Renders;
import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.DriftFound;
import io.flotilla.events.DriftMode;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Rollout;
import io.flotilla.events.RolloutHeld;

class ReleaseReconcilerTest {

    private static final ReleaseKey SETTINGS = new ReleaseKey("dev", "apps", "settings");
    private static final ObjectRef WEB_CONFIG = new ObjectRef("v1", "ConfigMap", null, "web");

    @TempDir
    Path dir;

    private final ScriptedCluster cluster = new ScriptedCluster();
    private final RememberedHistory history = new RememberedHistory();

    @Test
    void aReplayedRenderingAddsNoRevisionAndAsksNothingOfTheCluster() {
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);

        Reconciled first = came(reconciler, settings("d1", 7, ReleaseOptions.DEFAULTS));
        Reconciled replay = came(reconciler, settings("d1", 7, ReleaseOptions.DEFAULTS));

        assertThat(first.ready()).isTrue();
        assertThat(replay).isEqualTo(Reconciled.NOTHING);
        assertThat(cluster.applies).hasSize(1);
        assertThat(history.outcomes(SETTINGS)).containsExactly("1 Ready");
    }

    @Test
    void aRenderingOfAnOlderCommitThanOneTakenIsNeverApplied() {
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);
        came(reconciler, settings("d2", 9, ReleaseOptions.DEFAULTS));

        Reconciled older = came(reconciler, settings("d1", 8, ReleaseOptions.DEFAULTS));

        assertThat(older).isEqualTo(Reconciled.NOTHING);
        assertThat(cluster.applies).hasSize(1);
        assertThat(history.outcomes(SETTINGS)).containsExactly("1 Ready");
    }

    @Test
    void aFailedRenderingDeliveredAgainAddsNoRevisionButItsRetryTriesAgain() {
        cluster.answering(ApplyReport.failed("no matches for kind \"Widget\": ensure CRDs are installed first",
                List.of()));
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);
        came(reconciler, settings("d1", 3, ReleaseOptions.DEFAULTS));

        Reconciled replay = came(reconciler, settings("d1", 3, ReleaseOptions.DEFAULTS));
        Reconciled retry = reconciler.reconcile(DesiredRelease.of(settings("d1", 3, ReleaseOptions.DEFAULTS)),
                Causes.again(Trigger.RETRY, 3), event -> { }, true);

        assertThat(replay).isEqualTo(Reconciled.NOTHING);
        assertThat(retry.ready()).isTrue();
        assertThat(history.outcomes(SETTINGS)).containsExactly("1 Failed", "2 Ready");
    }

    @Test
    void aFailedReleaseIsRetriedSoonerThanItsIntervalAndLaterAfterEachFailureInARow() {
        cluster.answering(ApplyReport.failed("timed out", List.of()), ApplyReport.failed("timed out", List.of()));
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);

        Instant before = Instant.now();
        came(reconciler, settings("d1", 3, ReleaseOptions.DEFAULTS));
        Duration firstRetry = Duration.between(before, history.nextReconcile(SETTINGS));
        reconciler.reconcile(DesiredRelease.of(settings("d1", 3, ReleaseOptions.DEFAULTS)), Causes.again(Trigger.RETRY, 3), event -> { },
                true);
        Duration secondRetry = Duration.between(before, history.nextReconcile(SETTINGS));
        reconciler.reconcile(DesiredRelease.of(settings("d1", 3, ReleaseOptions.DEFAULTS)), Causes.again(Trigger.RETRY, 3), event -> { },
                true);
        Duration afterReady = Duration.between(before, history.nextReconcile(SETTINGS));

        assertThat(firstRetry).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
        assertThat(secondRetry).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(21));
        assertThat(afterReady).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5).plusSeconds(1));
    }

    @Test
    void aReleaseIsReconciledAtTheIntervalItAsksFor() {
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);

        Instant before = Instant.now();
        came(reconciler, settings("d1", 3, ReleaseOptions.builder().intervalSeconds(60).build()));

        assertThat(Duration.between(before, history.nextReconcile(SETTINGS)))
                .isBetween(Duration.ofSeconds(59), Duration.ofSeconds(61));
    }

    @Test
    void aReconcileOnItsIntervalReadsTheClusterWritesNothingAndTellsWhatItFound() {
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);
        came(reconciler, settings("d1", 3, ReleaseOptions.DEFAULTS));

        Reconciled again = reconciler.reconcile(DesiredRelease.of(settings("d1", 3, ReleaseOptions.DEFAULTS)),
                Causes.again(Trigger.INTERVAL, 3), event -> { }, true);

        assertThat(cluster.applies).hasSize(1);
        assertThat(cluster.reads).isEqualTo(2);
        assertThat(history.outcomes(SETTINGS)).containsExactly("1 Ready");
        assertThat(again.unchanged()).hasValueSatisfying(event -> {
            assertThat(event.revision()).isEqualTo(1);
            assertThat(event.outcome()).isEqualTo(Outcome.Ready);
            assertThat(event.trigger()).isEqualTo("interval");
            assertThat(event.message()).isEqualTo("2 objects as revision 1 left them");
        });
    }

    @Test
    void objectsGoneFromTheClusterAreAppliedAgainAsANewRevision() {
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);
        came(reconciler, settings("d1", 3, ReleaseOptions.DEFAULTS));
        cluster.wiping(WEB_CONFIG);

        Reconciled again = reconciler.reconcile(DesiredRelease.of(settings("d1", 3, ReleaseOptions.DEFAULTS)),
                Causes.again(Trigger.INTERVAL, 3), event -> { }, true);

        assertThat(again.ready()).isTrue();
        assertThat(cluster.applies).hasSize(2);
        assertThat(history.outcomes(SETTINGS)).containsExactly("1 Ready", "2 Ready");
    }

    @Test
    void everyRecordedRevisionLeavesItsEventInTheOutbox() {
        cluster.answering(ApplyReport.unreachable("cluster 'dev' does not answer", List.of()));
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);

        came(reconciler, settings("d1", 3, ReleaseOptions.DEFAULTS));
        came(reconciler, settings("d2", 4, ReleaseOptions.DEFAULTS));

        assertThat(history.announced()).extracting(ReleaseApplied::revision, ReleaseApplied::outcome,
                ReleaseApplied::inputDigest).containsExactly(
                        tuple(1, Outcome.Unreachable, "d1"),
                        tuple(2, Outcome.Ready, "d2"));
    }

    @Test
    void theHistoryKeepsMaxHistoryRevisionsAndTheLastReadyOne() {
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);
        ReleaseOptions twoKept = ReleaseOptions.builder().maxHistory(2).build();
        came(reconciler, settings("d1", 1, twoKept));
        cluster.answering(ApplyReport.failed("refused", List.of()), ApplyReport.failed("refused", List.of()),
                ApplyReport.failed("refused", List.of()));

        for (int commit = 2; commit <= 4; commit++) {
            came(reconciler, settings("d" + commit, commit, twoKept));
        }

        assertThat(history.outcomes(SETTINGS)).containsExactly("1 Ready", "3 Failed", "4 Failed");
    }

    @Test
    void aReconcileInterruptedBecauseTheApplierStopsRecordsNothingForTheNextInstanceToTakeUp() {
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);
        ReleaseRendered rendered = settings("d1", 3, ReleaseOptions.DEFAULTS);

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> came(reconciler, rendered)).isInstanceOf(ReconcileAbandonedException.class)
                    .hasMessage("dev/apps/settings: left for the next instance, the applier stops");
        } finally {
            Thread.interrupted();
        }

        assertThat(history.outcomes(SETTINGS)).isEmpty();
        assertThat(history.announced()).isEmpty();
        assertThat(came(reconciler, rendered).ready()).as("the next instance applies it").isTrue();
    }

    @Test
    void aClusterThatDoesNotAnswerIsRecordedOnlyWhenAskedSoThatTriesAgainAddNoRevisions() {
        cluster.answering(ApplyReport.unreachable("cluster 'dev' does not answer", List.of()),
                ApplyReport.unreachable("cluster 'dev' does not answer", List.of()));
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);
        ReleaseRendered rendered = settings("d1", 3, ReleaseOptions.DEFAULTS);

        Reconciled reported = reconciler.reconcile(DesiredRelease.of(rendered), Causes.rendering(rendered),
                event -> { }, true);
        Reconciled again = reconciler.reconcile(DesiredRelease.of(rendered), Causes.rendering(rendered),
                event -> { }, false);

        assertThat(reported.recorded()).isTrue();
        assertThat(again.recorded()).isFalse();
        assertThat(again.revision()).hasValueSatisfying(event -> {
            assertThat(event.outcome()).isEqualTo(Outcome.Unreachable);
            assertThat(event.revision()).isEqualTo(1);
        });
        assertThat(history.outcomes(SETTINGS)).containsExactly("1 Unreachable");
    }

    @Test
    void driftInModeEnabledIsUndoneFromTheReadyRevisionAndInModeWarnOnlyReported() {
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);
        came(reconciler, settings("d1", 1, ReleaseOptions.builder().driftDetection(DriftMode.ENABLED).build()));

        reconciler.correct(driftOn("web"));

        assertThat(cluster.applies).hasSize(2);
        assertThat(cluster.applies.get(1).desired().objects()).containsExactly(configMap("web", null, Map.of("v", "d1")));
        assertThat(history.outcomes(SETTINGS)).as("a correction is no revision").containsExactly("1 Ready");

        came(reconciler, settings("d2", 2, ReleaseOptions.builder().driftDetection(DriftMode.WARN).build()));
        reconciler.correct(driftOn("web"));

        assertThat(cluster.applies).hasSize(3);
    }

    @Test
    void aReleaseThatNamesNoDriftModeFollowsTheFleetDefault() {
        ReleaseReconciler reporting = Reconcilers.on(cluster, history, dir);
        came(reporting, settings("d1", 1, ReleaseOptions.DEFAULTS));

        reporting.correct(driftOn("web"));
        assertThat(cluster.applies).as("the default 'warn' only reports").hasSize(1);

        ReleaseReconciler correcting = Reconcilers.on(cluster, history, dir,
                new ReconcilePolicy(Duration.ofMinutes(5), Duration.ofSeconds(10), "enabled"));
        correcting.correct(driftOn("web"));
        assertThat(cluster.applies).as("a fleet default 'enabled' corrects").hasSize(2);
    }

    @Test
    void aReleaseToBeAppliedWaitsForTheReleasesItDependsOnUntilTheyAreReady() {
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);
        DesiredRelease web = DesiredRelease.of(settings("d1", 1,
                ReleaseOptions.builder().dependsOn(List.of("db")).build()));

        assertThat(reconciler.unreadyDependencies(web, Trigger.RENDERING))
                .containsExactly(new ReleaseKey("dev", "apps", "db"));

        came(reconciler, Renders.manifests(new ReleaseKey("dev", "apps", "db"), "db1",
                List.of(configMap("db", null, Map.of()))));

        assertThat(reconciler.unreadyDependencies(web, Trigger.RENDERING)).isEmpty();
    }

    @Test
    void aRenderingHeldAtItsWaveGateIsTakenAndToldOfOnlyWhenItsHoldChangesThenAppliedOnceTheWaveBeforeIsReady() {
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);
        ReleaseKey prodWeb = new ReleaseKey("prod", "apps", "web");
        ReleaseKey stgWeb = new ReleaseKey("stg", "apps", "web");
        ReleaseRendered prod = Renders.manifests(prodWeb, "prod-2", List.of(configMap("web", null, Map.of())))
                .toBuilder().commitOrder(12).rollout(new Rollout("web", 1, "prod", 0, Map.of("stg", 12L))).build();

        assertThat(came(reconciler, prod)).isEqualTo(Reconciled.NOTHING);
        reconciler.reconcile(DesiredRelease.of(prod), Causes.again(Trigger.INTERVAL, 12), event -> { }, true);
        cluster.answering(ApplyReport.failed("ConfigMap apps/web: refused", List.of()));
        came(reconciler, Renders.manifests(stgWeb, "stg-2", List.of(configMap("web", null, Map.of())))
                .toBuilder().commitOrder(12).build());
        reconciler.reconcile(DesiredRelease.of(prod), Causes.again(Trigger.INTERVAL, 12), event -> { }, true);
        assertThat(history.held()).extracting(held -> held.hold().halted()).containsExactly(true);
        came(reconciler, Renders.manifests(stgWeb, "stg-3", List.of(configMap("web", null, Map.of())))
                .toBuilder().commitOrder(13).build());
        Reconciled opened = reconciler.reconcile(DesiredRelease.of(prod), Causes.again(Trigger.INTERVAL, 12),
                event -> { }, true);

        assertThat(history.outbox(RolloutHeld.class))
                .extracting(RolloutHeld::release, RolloutHeld::halted, RolloutHeld::blockingCluster,
                        RolloutHeld::commitOrder)
                .containsExactly(tuple(prodWeb, false, "stg", 12L), tuple(prodWeb, true, "stg", 12L));
        assertThat(opened.ready()).isTrue();
        assertThat(cluster.applies).extracting(applied -> applied.desired().release())
                .containsExactly(stgWeb, stgWeb, prodWeb);
        assertThat(history.held()).isEmpty();
        assertThat(history.state(prodWeb).orElseThrow().statusCommitOrder()).isEqualTo(12);
    }

    private static Reconciled came(ReleaseReconciler reconciler, ReleaseRendered rendered) {
        return reconciler.reconcile(DesiredRelease.of(rendered), Causes.rendering(rendered), event -> { }, true);
    }

    private static ReleaseRendered settings(String inputDigest, long commitOrder, ReleaseOptions options) {
        return Renders.with(Renders.manifests(SETTINGS, inputDigest,
                List.of(configMap("web", null, Map.of("v", inputDigest)), configMap("other", null, Map.of()))),
                options).toBuilder().commitOrder(commitOrder).build();
    }

    private static DriftFound driftOn(String name) {
        return new DriftFound(SETTINGS, 1, List.of(new DriftFound.DriftedObject(
                new ObjectRef("v1", "ConfigMap", "apps", name), List.of("/data/v"), false, "kubectl", null)));
    }
}
