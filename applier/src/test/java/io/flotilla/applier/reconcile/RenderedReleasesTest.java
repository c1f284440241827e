package io.flotilla.applier.reconcile;

import static io.flotilla.applier.Manifests.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.applier.Renders;
import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.queue.ClusterQueues;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;

class RenderedReleasesTest {

    private static final ReleaseKey WEB = new ReleaseKey("dev", "apps", "web");
    private static final ReleaseKey DB = new ReleaseKey("dev", "apps", "db");

    @TempDir
    Path dir;

    private final ScriptedCluster cluster = new ScriptedCluster();
    private final RememberedHistory history = new RememberedHistory();
    private final List<ReleaseApplied> published = new CopyOnWriteArrayList<>();

    @Test
    void aReleaseWaitsUnacknowledgedForTheReleaseItDependsOnAndIsAppliedOnceThatIsReady() {
        RenderedReleases releases = releases();
        RecordingDelivery web = new RecordingDelivery();

        releases.submit(Renders.with(manifests(WEB, "web1"),
                ReleaseOptions.builder().dependsOn(List.of("db")).build()), web, published::add);

        await().until(() -> !published.isEmpty());
        assertThat(published.get(0).outcome()).isEqualTo(Outcome.Progressing);
        assertThat(published.get(0).error()).isEqualTo("waiting for dev/apps/db to be Ready (dependsOn)");
        assertThat(web.acknowledged()).isFalse();

        releases.submit(manifests(DB, "db1"), new RecordingDelivery(), published::add);

        await().until(web::acknowledged);
        assertThat(history.outcomes(WEB)).containsExactly("1 Ready");
    }

    @Test
    void aReleaseForAClusterThatDoesNotAnswerIsReportedUnreachableOnceAndHeldUntilItAnswers() {
        cluster.answering(ApplyReport.unreachable("cluster 'dev' does not answer", List.of()));
        RenderedReleases releases = releases();
        RecordingDelivery web = new RecordingDelivery();

        releases.submit(manifests(WEB, "web1"), web, published::add);

        await().until(web::acknowledged);
        assertThat(published).extracting(ReleaseApplied::outcome).containsExactly(Outcome.Unreachable, Outcome.Ready);
        assertThat(history.outcomes(WEB)).containsExactly("1 Unreachable", "2 Ready");
    }

    private RenderedReleases releases() {
        return new RenderedReleases(Reconcilers.on(cluster, history, dir),
                new ClusterQueues(2, Duration.ofMillis(10), Duration.ofMillis(100)));
    }

    private static ReleaseRendered manifests(ReleaseKey release, String inputDigest) {
        return Renders.manifests(release, inputDigest, List.of(configMap(release.name(), null, Map.of())));
    }
}
