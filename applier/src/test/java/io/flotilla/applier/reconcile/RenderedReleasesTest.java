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
import io.flotilla.applier.queue.SlotsInMemory;
import io.flotilla.events.EventCodec;
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
    private final List<ReleaseApplied> told = new CopyOnWriteArrayList<>();

    @Test
    void aReleaseWaitsUnacknowledgedForTheReleaseItDependsOnAndIsAppliedOnceThatIsReady() {
        RenderedReleases releases = releases();
        RecordingDelivery web = new RecordingDelivery();

        submit(releases, Renders.with(manifests(WEB, "web1"),
                ReleaseOptions.builder().dependsOn(List.of("db")).build()), web);

        await().until(() -> !told.isEmpty());
        assertThat(told.get(0).outcome()).isEqualTo(Outcome.Progressing);
        assertThat(told.get(0).error()).isEqualTo("waiting for dev/apps/db to be Ready (dependsOn)");
        assertThat(web.acknowledged()).isFalse();

        submit(releases, manifests(DB, "db1"), new RecordingDelivery());

        await().until(web::acknowledged);
        assertThat(history.outcomes(WEB)).containsExactly("1 Ready");
    }

    @Test
    void aReleaseWaitingForOneMadeReadyByAnotherInstanceUnheardIsAppliedWhenTheHistoryIsLookedAtAgain() {
        RenderedReleases releases = releases();
        RenderedReleases otherInstance = releases();
        RecordingDelivery web = new RecordingDelivery();
        RecordingDelivery db = new RecordingDelivery();
        submit(releases, Renders.with(manifests(WEB, "web1"),
                ReleaseOptions.builder().dependsOn(List.of("db")).build()), web);
        await().until(() -> !told.isEmpty());

        submit(otherInstance, manifests(DB, "db1"), db);
        await().until(db::acknowledged);
        assertThat(web.acknowledged()).as("nothing told this instance").isFalse();
        assertThat(releases.recheck()).isEqualTo(1);

        await().until(web::acknowledged);
        assertThat(history.outcomes(WEB)).containsExactly("1 Ready");
        assertThat(releases.recheck()).as("nothing waits any more").isZero();
    }

    @Test
    void aReleaseForAClusterThatDoesNotAnswerIsReportedUnreachableOnceAndHeldUntilItAnswers() {
        cluster.answering(ApplyReport.unreachable("cluster 'dev' does not answer", List.of()));
        RenderedReleases releases = releases();
        RecordingDelivery web = new RecordingDelivery();

        submit(releases, manifests(WEB, "web1"), web);

        await().until(web::acknowledged);
        assertThat(history.announced()).extracting(ReleaseApplied::outcome)
                .containsExactly(Outcome.Unreachable, Outcome.Ready);
        assertThat(history.outcomes(WEB)).containsExactly("1 Unreachable", "2 Ready");
    }

    @Test
    void aRenderingDeliveredAgainAfterItsRevisionIsAcknowledgedWithoutAnotherRevision() {
        RenderedReleases releases = releases();
        ReleaseRendered rendered = manifests(WEB, "web1").toBuilder().commitOrder(5).build();
        RecordingDelivery first = new RecordingDelivery();
        RecordingDelivery again = new RecordingDelivery();

        submit(releases, rendered, first);
        await().until(first::acknowledged);
        submit(releases, rendered, again);

        await().until(again::acknowledged);
        assertThat(history.outcomes(WEB)).containsExactly("1 Ready");
        assertThat(cluster.applies).hasSize(1);
    }

    private RenderedReleases releases() {
        return new RenderedReleases(Reconcilers.on(cluster, history, dir),
                new ClusterQueues(2, Duration.ofMillis(10), Duration.ofMillis(100), SlotsInMemory.alone(),
                        Duration.ofSeconds(30), Duration.ofMillis(20)),
                (key, envelope) -> told.add(EventCodec.decode(envelope, ReleaseApplied.class).payload()));
    }

    private static void submit(RenderedReleases releases, ReleaseRendered rendered, RecordingDelivery delivery) {
        releases.submit(rendered, Causes.rendering(rendered), delivery);
    }

    private static ReleaseRendered manifests(ReleaseKey release, String inputDigest) {
        return Renders.manifests(release, inputDigest, List.of(configMap(release.name(), null, Map.of())));
    }
}
