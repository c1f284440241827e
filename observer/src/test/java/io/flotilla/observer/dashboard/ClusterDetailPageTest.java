package io.flotilla.observer.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.flotilla.events.ClusterState;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.fleet.ClusterView;
import io.flotilla.observer.release.ReleaseStatus;
import io.flotilla.observer.trend.Trends;

class ClusterDetailPageTest {

    static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aClusterShowsItsNodesWorkloadsStuckPodsWarningsAndReleasesThatNeedAPersonFirst() {
        ClusterState state = new ClusterState("eu-1", true, "v1.31.2", 1, 2, 1, 2, AT,
                List.of(new ClusterState.Node("eu-1-a", true, false, false, false, "v1.31.2",
                                Map.of("cpu", "4", "memory", "16Gi", "pods", "110"), Map.of("cpu", "3800m")),
                        new ClusterState.Node("eu-1-b", false, true, false, false, "v1.30.9", Map.of(), Map.of())),
                List.of(new ClusterState.Workload("Deployment", "apps", "api", 3, 3, 3),
                        new ClusterState.Workload("Deployment", "apps", "web", 2, 0, 0)),
                List.of(new ClusterState.Autoscaler("apps", "api", "Deployment", "api", 3, 3,
                        List.of(new ClusterState.Scaling(AT, 2), new ClusterState.Scaling(AT.plusSeconds(60), 3)))),
                List.of(new ClusterState.StuckPod("apps", "web-5d9f", "web", "ImagePullBackOff",
                        "Back-off pulling image \"myorg/web:nope\"")),
                List.of(new ClusterState.Warning("apps", "Pod/web-5d9f", "Failed", "Error: ErrImagePull", 4, AT)),
                List.of());
        ClusterView eu = new ClusterView(state, Map.of("env", "prod"), "api", "https://eu-1.example.com", AT,
                "Reachable", AT.plusSeconds(30), new ClusterView.ReleaseCounts(1, 1, 0),
                new ClusterView.BootstrapProgress(1, 2, null), List.of("prod"), List.of(), null, null);
        ReleaseStatus api = release("api", Outcome.Ready, null);
        ReleaseStatus web = release("web", Outcome.Failed, "Deployment apps/web: not ready after 300 s");

        String page = ClusterDetailPage.render(new ClusterDetail(eu, List.of(api, web), Set.of(), List.of(), List.of()));

        assertThat(page).contains("<h1>eu-1</h1>", "<a class=\"label\" href=\"/?selector=env%3Dprod\">env=prod</a>",
                "<b>Kubernetes</b>v1.31.2", "<b>nodes ready</b>1/2",
                "<td>eu-1-a</td><td><span class=\"status s-ok\" data-shape=\"✓\">Ready</span></td><td>no pressure</td>"
                        + "<td>v1.31.2</td>"
                        + "<td><span class=\"mono\">cpu 4, memory 16Gi, pods 110</span></td>",
                "data-shape=\"✕\">NotReady</span></td><td><span class=\"bad\">MemoryPressure</span>",
                "<td>Deployment apps/web</td><td><span class=\"status s-info\" data-shape=\"◐\">Progressing</span>",
                "ImagePullBackOff",
                "Back-off pulling image &quot;myorg/web:nope&quot;", "Error: ErrImagePull",
                "<td>apps/api</td><td>Deployment api</td><td>3</td><td>3</td>", "points=\"4,40 316,16\"",
                "<a href=\"/releases/eu-1/apps/web\">apps/web</a>",
                "<td class=\"reason\">Deployment apps/web: not ready after 300 s</td>");
        assertThat(page.indexOf("/releases/eu-1/apps/web")).as("the failed release comes first")
                .isLessThan(page.indexOf("/releases/eu-1/apps/api"));
        assertThat(page.indexOf("Deployment apps/web")).as("the workload not rolled out comes first")
                .isLessThan(page.indexOf("Deployment apps/api"));
    }

    @Test
    void releasesReadyOverTimeArePlottedWithTheSameValuesAsATable() {
        ClusterState state = new ClusterState("eu-1", true, "v1.31.2", 1, 1, 0, 0, AT, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of());
        ClusterView eu = new ClusterView(state, Map.of(), "api", "https://eu-1.example.com", AT, "Reachable", AT,
                new ClusterView.ReleaseCounts(1, 1, 0), new ClusterView.BootstrapProgress(1, 2, null), List.of(),
                List.of(), null, null);
        List<Trends.Ready> hours = List.of(new Trends.Ready(AT, 1, 1), new Trends.Ready(AT.plusSeconds(3600), 2, 2),
                new Trends.Ready(AT.plusSeconds(3 * 3600), 1, 2));

        String page = ClusterDetailPage.render(new ClusterDetail(eu, List.of(), Set.of(), hours, List.of()));

        assertThat(page).contains("<svg class=\"chart\" viewBox=\"0 0 320 90\" role=\"img\" "
                        + "aria-labelledby=\"ready-over-time-title ready-over-time-desc\">"
                        + "<title id=\"ready-over-time-title\">Releases Ready on eu-1, the last 14 days</title>"
                        + "<desc id=\"ready-over-time-desc\">Ready: 3 values, lowest 1, highest 2, latest 1. "
                        + "in all: 3 values, lowest 1, highest 2, latest 2.</desc>",
                "<g class=\"line-0\"><polyline fill=\"none\" data-points=\"3\" points=\"4,51 108,16 316,51\"/>",
                "<g class=\"line-1\"><polyline fill=\"none\" data-points=\"3\" points=\"4,51 108,16 316,16\"/>",
                "<span class=\"legend line-0\">Ready</span><span class=\"legend line-1\">in all</span>",
                "<tbody><tr><td><time datetime=\"2026-03-01T10:00:00Z\">2026-03-01T10:00:00Z</time></td><td>1</td>"
                        + "<td>1</td></tr><tr><td><time datetime=\"2026-03-01T11:00:00Z\">2026-03-01T11:00:00Z</time>"
                        + "</td><td>2</td><td>2</td></tr><tr><td><time datetime=\"2026-03-01T13:00:00Z\">"
                        + "2026-03-01T13:00:00Z</time></td><td>1</td><td>2</td></tr></tbody>");
        assertThat(page.indexOf("id=\"ready-over-time\"")).as("the plot follows the event stream with the page")
                .isGreaterThan(page.indexOf("<div id=\"cluster\" data-live>"));
    }

    @Test
    void aClusterWithNothingAppliedInTheTimeKeptSaysSoInsteadOfAnEmptyPlot() {
        ClusterState state = new ClusterState("eu-1", true, "v1.31.2", 1, 1, 0, 0, AT, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of());
        ClusterView eu = new ClusterView(state, Map.of(), "api", "https://eu-1.example.com", AT, "Reachable", AT,
                new ClusterView.ReleaseCounts(0, 0, 0), new ClusterView.BootstrapProgress(0, 0, null), List.of(),
                List.of(), null, null);

        assertThat(ClusterDetailPage.render(new ClusterDetail(eu, List.of(), Set.of(), List.of(), List.of())))
                .contains("<p class=\"muted\">No release was applied on eu-1 in the last 14 days.</p>")
                .doesNotContain("ready-over-time");
    }

    @Test
    void upgradesShowNewestFirstSayingWhatChanged() {
        ClusterState state = new ClusterState("eu-1", true, "v1.31.2", 1, 1, 0, 0, AT, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of());
        ClusterView eu = new ClusterView(state, Map.of(), "api", "https://eu-1.example.com", AT, "Reachable", AT,
                new ClusterView.ReleaseCounts(0, 0, 0), new ClusterView.BootstrapProgress(0, 0, null), List.of(),
                List.of(), null, null);
        List<Trends.Versions> versions = List.of(
                new Trends.Versions(AT.plusSeconds(7200), "v1.31.2", List.of("v1.31.2")),
                new Trends.Versions(AT.plusSeconds(3600), "v1.31.2", List.of("v1.30.6", "v1.31.2")),
                new Trends.Versions(AT, "v1.30.6", List.of("v1.30.6")));

        String page = ClusterDetailPage.render(new ClusterDetail(eu, List.of(), Set.of(), List.of(), versions));

        assertThat(page).contains("<h2>Versions over time</h2>",
                "<td>v1.31.2</td><td>v1.31.2</td><td>kubelets v1.30.6 gone</td>",
                "<td>v1.31.2</td><td>v1.30.6, v1.31.2</td><td>API server v1.30.6 \u2192 v1.31.2; kubelets v1.31.2 "
                        + "joined</td>",
                "<td>v1.30.6</td><td>v1.30.6</td><td>first seen</td>");
        assertThat(page.indexOf("kubelets v1.30.6 gone")).as("newest first")
                .isLessThan(page.indexOf("first seen"));
    }

    @Test
    void aClusterWhoseVersionsAreNotKnownYetSaysSo() {
        ClusterState state = new ClusterState("eu-1", false, null, 0, 0, 0, 0, AT, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of());
        ClusterView eu = new ClusterView(state, Map.of(), "api", "https://eu-1.example.com", AT, "Unreachable", null,
                new ClusterView.ReleaseCounts(0, 0, 0), new ClusterView.BootstrapProgress(0, 0, null), List.of(),
                List.of(), null, null);

        assertThat(ClusterDetailPage.render(new ClusterDetail(eu, List.of(), Set.of(), List.of(), List.of())))
                .contains("<p id=\"versions\">No version has been seen yet.</p>");
    }

    private static ReleaseStatus release(String name, Outcome outcome, String error) {
        return ReleaseStatus.of(ReleaseApplied.builder().release(new ReleaseKey("eu-1", "apps", name)).revision(1)
                .outcome(outcome).chart("hello", "1.0.0").appliedAt(AT).error(error).build());
    }
}
