package io.flotilla.applier.reconcile;

import static io.flotilla.applier.Manifests.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

class ReleaseReconcilerTest {

    private static final ReleaseKey SETTINGS = new ReleaseKey("dev", "apps", "settings");

    @TempDir
    Path dir;

    private final ScriptedCluster cluster = new ScriptedCluster();
    private final RememberedHistory history = new RememberedHistory();

    @Test
    void aReplayedRenderingAddsNoRevisionAndAsksNothingOfTheCluster() {
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);

        Optional<ReleaseApplied> first = reconciler.reconcile(settings("d1", ReleaseOptions.DEFAULTS), event -> { },
                true);
        Optional<ReleaseApplied> replay = reconciler.reconcile(settings("d1", ReleaseOptions.DEFAULTS), event -> { },
                true);

        assertThat(first).hasValueSatisfying(event -> assertThat(event.outcome()).isEqualTo(Outcome.Ready));
        assertThat(replay).isEmpty();
        assertThat(cluster.applies).hasSize(1);
        assertThat(history.outcomes(SETTINGS)).containsExactly("1 Ready");
    }

    @Test
    void aClusterThatDoesNotAnswerIsRecordedOnlyWhenAskedSoThatTriesAgainAddNoRevisions() {
        cluster.answering(ApplyReport.unreachable("cluster 'dev' does not answer", List.of()),
                ApplyReport.unreachable("cluster 'dev' does not answer", List.of()));
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);

        Optional<ReleaseApplied> reported = reconciler.reconcile(settings("d1", ReleaseOptions.DEFAULTS),
                event -> { }, true);
        Optional<ReleaseApplied> again = reconciler.reconcile(settings("d1", ReleaseOptions.DEFAULTS),
                event -> { }, false);

        assertThat(reported).hasValueSatisfying(event -> assertThat(event.revision()).isEqualTo(1));
        assertThat(again).hasValueSatisfying(event -> {
            assertThat(event.outcome()).isEqualTo(Outcome.Unreachable);
            assertThat(event.revision()).isEqualTo(1);
        });
        assertThat(history.outcomes(SETTINGS)).containsExactly("1 Unreachable");
    }

    @Test
    void driftInModeEnabledIsUndoneFromTheReadyRevisionAndInModeWarnOnlyReported() {
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);
        reconciler.reconcile(settings("d1", ReleaseOptions.builder().driftDetection(DriftMode.ENABLED).build()),
                event -> { }, true);

        reconciler.correct(driftOn("web"));

        assertThat(cluster.applies).hasSize(2);
        assertThat(cluster.applies.get(1).desired().objects()).containsExactly(configMap("web", null, Map.of("v", "d1")));
        assertThat(history.outcomes(SETTINGS)).as("a correction is no revision").containsExactly("1 Ready");

        reconciler.reconcile(settings("d2", ReleaseOptions.builder().driftDetection(DriftMode.WARN).build()),
                event -> { }, true);
        reconciler.correct(driftOn("web"));

        assertThat(cluster.applies).hasSize(3);
    }

    @Test
    void aReleaseToBeAppliedWaitsForTheReleasesItDependsOnUntilTheyAreReady() {
        ReleaseReconciler reconciler = Reconcilers.on(cluster, history, dir);
        DesiredRelease web = settings("d1", ReleaseOptions.builder().dependsOn(List.of("db")).build());

        assertThat(reconciler.unreadyDependencies(web)).containsExactly(new ReleaseKey("dev", "apps", "db"));

        reconciler.reconcile(DesiredRelease.of(Renders.manifests(new ReleaseKey("dev", "apps", "db"), "db1",
                List.of(configMap("db", null, Map.of())))), event -> { }, true);

        assertThat(reconciler.unreadyDependencies(web)).isEmpty();
    }

    private static DesiredRelease settings(String inputDigest, ReleaseOptions options) {
        return DesiredRelease.of(Renders.with(Renders.manifests(SETTINGS, inputDigest,
                List.of(configMap("web", null, Map.of("v", inputDigest)), configMap("other", null, Map.of()))),
                options));
    }

    private static DriftFound driftOn(String name) {
        return new DriftFound(SETTINGS, 1, List.of(new DriftFound.DriftedObject(
                new ObjectRef("v1", "ConfigMap", "apps", name), List.of("/data/v"), false, "kubectl", null)));
    }
}
