package io.flotilla.observer.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flotilla.events.ClusterState;
import io.flotilla.events.DriftFound;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.drift.DriftRecords.DriftView;
import io.flotilla.observer.release.ReleaseStatus;

class DashboardPageTest {

    static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void matrixColoursEachReleaseByStatusAndMarksDrift() {
        List<ReleaseStatus> releases = List.of(release("dev", Outcome.Ready), release("prod", Outcome.Failed));
        List<DriftView> drifts = List.of(new DriftView("dev", "apps", "web", 1, "warn", AT, List.of(
                new DriftFound.DriftedObject(new ObjectRef("apps/v1", "Deployment", "apps", "web"),
                        List.of("/spec/template/spec/containers/0/image"), false, "kubectl-edit", AT))));

        String page = DashboardPage.render(List.of(cluster("dev", true), cluster("prod", false)), releases, drifts);

        assertThat(page).contains("<th>apps/web</th><td class=\"Ready drifted\"", "<td class=\"Failed\"",
                "/spec/template/spec/containers/0/image", "kubectl-edit", "card down", "nodes 1/2 ready",
                "releases 1 ready, 0 failed, 1 drifted");
    }

    @Test
    void autoscaledWorkloadsShowTheirReplicasOverTime() {
        ClusterState state = new ClusterState("dev", true, "v1.31.0", 1, 1, 1, 1, AT, List.of(), List.of(),
                List.of(new ClusterState.Autoscaler("apps", "web", "Deployment", "web", 6, 6, List.of(
                        new ClusterState.Scaling(AT, 2), new ClusterState.Scaling(AT.plusSeconds(60), 6)))),
                List.of(), List.of());

        String page = DashboardPage.render(List.of(state), List.of(), List.of());

        assertThat(page).contains("dev apps/web (6 now, max 6)", "points=\"0,42 200,5\"");
    }

    @Test
    void namesAreEscaped() {
        assertThat(DashboardPage.escape("<b a=\"1\">&'")).isEqualTo("&lt;b a=&quot;1&quot;&gt;&amp;&#39;");
    }

    private static ClusterState cluster(String name, boolean reachable) {
        return new ClusterState(name, reachable, "v1.31.0", 1, 2, 3, 4, AT);
    }

    private static ReleaseStatus release(String cluster, Outcome outcome) {
        return ReleaseStatus.of(new ReleaseApplied(new ReleaseKey(cluster, "apps", "web"), 1, outcome, "c0ffee1",
                "releases/app.yaml", "hello", "1.0.0", "digest", List.of(), 10, AT, null));
    }
}
