package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;
import static io.flotilla.observer.dashboard.Html.time;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.flotilla.events.ClusterState;
import io.flotilla.events.Outcome;
import io.flotilla.observer.fleet.ClusterView;
import io.flotilla.observer.release.ReleaseStatus;
import io.flotilla.observer.rollout.HeldRolloutView;
import io.flotilla.observer.trend.Trends;

/**
 * The page of one cluster ({@code /clusters/{name}}): its health and registration, the releases on it (those that
 * need a person first), how many were Ready over time, its nodes with their conditions and capacity, its workloads (those not rolled out first),
 * the versions it ran over time (its upgrades), its autoscalers with their replicas over time, stuck pods, Warning events, pull secrets and held rollouts.
 */
public final class ClusterDetailPage {

    /** Rows of a long list written on the page; the rest is in the API. */
    static final int ROWS = 500;

    private ClusterDetailPage() {
    }

    public static String render(ClusterDetail detail) {
        ClusterView view = detail.cluster();
        ClusterState state = view.state();
        StringBuilder html = PageFrame.open(view.name());
        html.append("<p class=\"crumbs\"><a href=\"/\">Fleet</a> / cluster</p><h1>").append(escape(view.name()))
                .append("</h1><div id=\"cluster\" data-live><p class=\"counts\">")
                .append(StatusBadge.of(view.reachability())).append("</p>").append(Links.labels(view.labels()));
        facts(html, view);
        releases(html, view.name(), detail);
        html.append("<h2>Releases Ready over time</h2>");
        TrendPlots.ready(html, "ready-over-time", view.name(), detail.readyOverTime(),
                "the last " + Trends.KEPT.toDays() + " days", true);
        versions(html, detail.versions());
        nodes(html, state.nodes());
        workloads(html, state.workloads());
        autoscalers(html, view.name(), state.autoscalers());
        stuckPods(html, state.stuckPods());
        warnings(html, state.warnings());
        rollouts(html, view.rollouts());
        if (view.pullSecrets() != null) {
            html.append("<h2>Pull secrets</h2><div class=\"panel\">");
            ClusterCards.pullSecrets(html, view.pullSecrets());
            html.append("</div>");
        }
        html.append("</div>");
        return PageFrame.close(html);
    }

    private static void facts(StringBuilder html, ClusterView view) {
        ClusterState state = view.state();
        Facts facts = new Facts(html);
        facts.add("Kubernetes", state.kubernetesVersion() == null ? "unknown" : escape(state.kubernetesVersion()));
        facts.add("nodes ready", state.nodesReady() + "/" + state.nodesTotal());
        facts.add("workloads ready", state.workloadsReady() + "/" + state.workloadsTotal());
        facts.add("releases", view.bootstrap().ready() + " of " + view.bootstrap().total() + " Ready"
                + (view.bootstrap().allReadyAfterSeconds() == null ? ""
                        : ", all Ready " + view.bootstrap().allReadyAfterSeconds() + " s after registration"));
        facts.add("waves", view.waves().isEmpty() ? "none" : escape(String.join(", ", view.waves())));
        facts.add("API server", escape(String.valueOf(view.server())));
        facts.add("registered", time(view.registeredAt()) + " (" + escape(view.source()) + ")");
        facts.add("observed", time(state.observedAt()));
        facts.add("last reconcile", view.lastReconciledAt() == null ? "none yet" : time(view.lastReconciledAt()));
        facts.end();
    }

    /** Its releases: failed, drifted and the rest that are not Ready first, then by namespace and name. */
    private static void releases(StringBuilder html, String cluster, ClusterDetail detail) {
        html.append("<h2>Releases</h2>");
        if (detail.releases().isEmpty()) {
            html.append("<p id=\"cluster-releases\">No release has been applied here.</p>");
            return;
        }
        List<ReleaseStatus> releases = new ArrayList<>(detail.releases());
        releases.sort(Comparator.comparing((ReleaseStatus release) -> release.status == Outcome.Ready
                && !detail.drifted().contains(release.releaseKey)).thenComparing(release -> release.namespace)
                .thenComparing(release -> release.name));
        html.append("<table id=\"cluster-releases\"><thead><tr><th>release</th><th>status</th><th>revision</th>"
                + "<th>chart</th><th>last reconcile</th><th>reason</th></tr></thead><tbody>");
        for (ReleaseStatus release : releases.stream().limit(ROWS).toList()) {
            html.append("<tr><td><a href=\"").append(Links.release(release.cluster, release.namespace, release.name))
                    .append("\">").append(escape(release.namespace + "/" + release.name)).append("</a></td><td>")
                    .append(StatusBadge.of(release.status.name()));
            if (detail.drifted().contains(release.releaseKey)) {
                html.append(StatusBadge.of(MatrixFilter.DRIFTED, "drifted"));
            }
            html.append("</td><td>r").append(release.revision).append("</td><td>")
                    .append(escape((release.chart == null ? "" : release.chart) + " "
                            + (release.chartVersion == null ? "" : release.chartVersion)))
                    .append("</td><td>").append(time(release.reconciledAt)).append("</td><td class=\"reason\">")
                    .append(release.message == null ? "" : escape(release.message)).append("</td></tr>");
        }
        html.append("</tbody></table>");
        more(html, releases.size(), "/api/releases?cluster=" + URLEncoder.encode(cluster, StandardCharsets.UTF_8));
    }

    /**
     * Its versions over time, newest first: the API server's Kubernetes version and its nodes' kubelets, each row
     * saying what changed from the row before it (an upgrade, kubelets of a version joining or gone).
     */
    private static void versions(StringBuilder html, List<Trends.Versions> versions) {
        html.append("<h2>Versions over time</h2>");
        if (versions.isEmpty()) {
            html.append("<p id=\"versions\">No version has been seen yet.</p>");
            return;
        }
        html.append("<table id=\"versions\"><thead><tr><th>from</th><th>Kubernetes</th><th>kubelets</th>"
                + "<th>what changed</th></tr></thead><tbody>");
        for (int i = 0; i < versions.size(); i++) {
            Trends.Versions seen = versions.get(i);
            html.append("<tr><td>").append(time(seen.seenAt())).append("</td><td>")
                    .append(escape(String.valueOf(seen.kubernetesVersion()))).append("</td><td>")
                    .append(escape(String.join(", ", seen.kubelets()))).append("</td><td>")
                    .append(escape(i + 1 < versions.size() ? changes(versions.get(i + 1), seen) : "first seen"))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    /** What changed from one kept versions to the next, in words. */
    static String changes(Trends.Versions before, Trends.Versions after) {
        List<String> said = new ArrayList<>();
        if (!Objects.equals(before.kubernetesVersion(), after.kubernetesVersion())) {
            said.add("API server " + before.kubernetesVersion() + " \u2192 " + after.kubernetesVersion());
        }
        List<String> joined = after.kubelets().stream().filter(version -> !before.kubelets().contains(version)).toList();
        List<String> gone = before.kubelets().stream().filter(version -> !after.kubelets().contains(version)).toList();
        if (!joined.isEmpty()) {
            said.add("kubelets " + String.join(", ", joined) + " joined");
        }
        if (!gone.isEmpty()) {
            said.add("kubelets " + String.join(", ", gone) + " gone");
        }
        return String.join("; ", said);
    }

    private static void nodes(StringBuilder html, List<ClusterState.Node> nodes) {
        html.append("<h2>Nodes</h2>");
        if (nodes.isEmpty()) {
            html.append("<p id=\"nodes\">No node is known.</p>");
            return;
        }
        html.append("<table id=\"nodes\"><thead><tr><th>node</th><th>status</th><th>conditions</th><th>kubelet</th>"
                + "<th>capacity</th><th>allocatable</th></tr></thead><tbody>");
        for (ClusterState.Node node : nodes.stream().limit(ROWS).toList()) {
            List<String> pressures = new ArrayList<>();
            if (node.memoryPressure()) {
                pressures.add("MemoryPressure");
            }
            if (node.diskPressure()) {
                pressures.add("DiskPressure");
            }
            if (node.pidPressure()) {
                pressures.add("PIDPressure");
            }
            html.append("<tr><td>").append(escape(node.name())).append("</td><td>")
                    .append(StatusBadge.of(node.ready() ? "Ready" : "Failed", node.ready() ? "Ready" : "NotReady"))
                    .append("</td><td>").append(pressures.isEmpty() ? "no pressure"
                            : "<span class=\"bad\">" + escape(String.join(", ", pressures)) + "</span>")
                    .append("</td><td>").append(escape(String.valueOf(node.kubeletVersion()))).append("</td><td>")
                    .append(resources(node.capacity())).append("</td><td>").append(resources(node.allocatable()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
        more(html, nodes.size(), null);
    }

    /** {@code cpu 4, memory 16Gi, pods 110}: the quantities as Kubernetes writes them. */
    private static String resources(Map<String, String> quantities) {
        if (quantities == null || quantities.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(quantities).forEach((name, quantity) -> text.append(text.isEmpty() ? "" : ", ").append(name)
                .append(' ').append(quantity));
        return "<span class=\"mono\">" + escape(text) + "</span>";
    }

    private static void workloads(StringBuilder html, List<ClusterState.Workload> workloads) {
        html.append("<h2>Workloads</h2>");
        if (workloads.isEmpty()) {
            html.append("<p id=\"workloads\">No workload is known.</p>");
            return;
        }
        List<ClusterState.Workload> sorted = new ArrayList<>(workloads);
        sorted.sort(Comparator.comparing(ClusterState.Workload::rolledOut)
                .thenComparing(ClusterState.Workload::namespace).thenComparing(ClusterState.Workload::name));
        html.append("<table id=\"workloads\"><thead><tr><th>workload</th><th>status</th><th>desired</th><th>ready</th>"
                + "<th>available</th></tr></thead><tbody>");
        for (ClusterState.Workload workload : sorted.stream().limit(ROWS).toList()) {
            html.append("<tr><td>").append(escape(workload.kind() + " " + workload.namespace() + "/" + workload.name()))
                    .append("</td><td>").append(StatusBadge.of(workload.rolledOut() ? "Ready" : "Progressing"))
                    .append("</td><td>").append(workload.desired()).append("</td><td>").append(workload.ready())
                    .append("</td><td>").append(workload.available()).append("</td></tr>");
        }
        html.append("</tbody></table>");
        more(html, workloads.size(), null);
    }

    private static void autoscalers(StringBuilder html, String cluster, List<ClusterState.Autoscaler> autoscalers) {
        if (autoscalers.isEmpty()) {
            return;
        }
        html.append("<h2>Autoscalers</h2><table id=\"autoscalers\"><thead><tr><th>autoscaler</th><th>scales</th>"
                + "<th>current</th><th>desired</th></tr></thead><tbody>");
        for (ClusterState.Autoscaler autoscaler : autoscalers) {
            html.append("<tr><td>").append(escape(autoscaler.namespace() + "/" + autoscaler.name())).append("</td><td>")
                    .append(escape(autoscaler.targetKind() + " " + autoscaler.targetName())).append("</td><td>")
                    .append(autoscaler.currentReplicas()).append("</td><td>").append(autoscaler.desiredReplicas())
                    .append("</td></tr>");
        }
        html.append("</tbody></table><div class=\"cards\">");
        autoscalers.stream().filter(autoscaler -> !autoscaler.scalings().isEmpty())
                .forEach(autoscaler -> ReplicaCharts.chart(html, cluster, autoscaler));
        html.append("</div>");
    }

    private static void stuckPods(StringBuilder html, List<ClusterState.StuckPod> pods) {
        if (pods.isEmpty()) {
            return;
        }
        html.append("<h2>Stuck pods</h2><table id=\"stuck-pods\"><thead><tr><th>pod</th><th>container</th>"
                + "<th>reason</th><th>message</th></tr></thead><tbody>");
        for (ClusterState.StuckPod pod : pods.stream().limit(ROWS).toList()) {
            html.append("<tr><td>").append(escape(pod.namespace() + "/" + pod.name())).append("</td><td>")
                    .append(escape(pod.container())).append("</td><td>").append(StatusBadge.of("Failed", pod.reason()))
                    .append("</td><td class=\"reason\">").append(pod.message() == null ? "" : escape(pod.message()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
        more(html, pods.size(), null);
    }

    private static void warnings(StringBuilder html, List<ClusterState.Warning> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        html.append("<h2>Warnings</h2><table id=\"warnings\"><thead><tr><th>last seen</th><th>object</th>"
                + "<th>reason</th><th>message</th><th>count</th></tr></thead><tbody>");
        List<ClusterState.Warning> newest = new ArrayList<>(warnings);
        newest.sort(Comparator.comparing(ClusterState.Warning::lastSeen,
                Comparator.nullsLast(Comparator.reverseOrder())));
        for (ClusterState.Warning warning : newest.stream().limit(ROWS).toList()) {
            html.append("<tr><td>").append(time(warning.lastSeen())).append("</td><td>")
                    .append(escape(warning.namespace() + "/" + warning.object())).append("</td><td>")
                    .append(escape(warning.reason())).append("</td><td class=\"reason\">")
                    .append(warning.message() == null ? "" : escape(warning.message())).append("</td><td>")
                    .append(warning.count()).append("</td></tr>");
        }
        html.append("</tbody></table>");
        more(html, warnings.size(), null);
    }

    private static void rollouts(StringBuilder html, List<HeldRolloutView> rollouts) {
        if (rollouts.isEmpty()) {
            return;
        }
        html.append("<h2>Held rollouts</h2><table id=\"cluster-rollouts\"><thead><tr><th>release</th><th>state</th>"
                + "<th>wave</th><th>waits for</th><th>reason</th></tr></thead><tbody>");
        for (HeldRolloutView rollout : rollouts) {
            html.append("<tr><td>").append(Links.toRelease(rollout.cluster(), rollout.namespace(), rollout.name()))
                    .append("</td><td>").append(StatusBadge.of(rollout.state())).append("</td><td>")
                    .append(escape(rollout.waveName())).append("</td><td>")
                    .append(Links.toCluster(rollout.blockingCluster())).append("</td><td>")
                    .append(rollout.reason() == null ? "" : escape(rollout.reason())).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void more(StringBuilder html, int count, String api) {
        if (count > ROWS) {
            html.append("<p><small>").append(count - ROWS).append(" more");
            if (api != null) {
                html.append(": <a href=\"").append(escape(api)).append("\">").append(escape(api)).append("</a>");
            }
            html.append("</small></p>");
        }
    }
}
