package io.flotilla.observer.dashboard;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.flotilla.events.ClusterState;
import io.flotilla.observer.drift.DriftRecords.DriftView;
import io.flotilla.observer.release.ReleaseStatus;

/**
 * The dashboard as one HTML page: a card per cluster, the release x cluster matrix, the drift list and the
 * replicas of autoscaled workloads over time. Plain HTML with inline styles and SVG: no front-end build.
 */
public final class DashboardPage {

    private DashboardPage() {
    }

    public static String render(List<ClusterState> clusters, List<ReleaseStatus> releases, List<DriftView> drifts) {
        Set<String> drifted = drifts.stream().map(drift -> drift.cluster() + "/" + drift.namespace() + "/" + drift.name())
                .collect(Collectors.toSet());
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Flotilla fleet</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:1rem;color:#222}
                .cards{display:flex;flex-wrap:wrap;gap:.5rem}
                .card{border:1px solid #ccc;border-radius:6px;padding:.5rem .75rem;min-width:12rem}
                .card.down{border-color:#c00;background:#fee}
                table{border-collapse:collapse;font-size:.85rem}
                td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}
                td.Ready{background:#cfc}td.Failed,td.Unreachable{background:#fcc}
                td.Progressing{background:#ffc}td.drifted{outline:3px solid #e80;outline-offset:-3px}
                code{font-size:.8rem}
                </style></head><body>
                <h1>Flotilla fleet</h1>
                <form onsubmit="location.href='/api/commits/'+encodeURIComponent(this.sha.value);return false">
                Commit journey: <input name="sha" placeholder="sha"> <button>Show</button></form>
                <h2>Clusters</h2><div class="cards" id="clusters">
                """);
        Map<String, List<ReleaseStatus>> byCluster = releases.stream()
                .collect(Collectors.groupingBy(release -> release.cluster, TreeMap::new, Collectors.toList()));
        for (ClusterState cluster : clusters) {
            List<ReleaseStatus> own = byCluster.getOrDefault(cluster.cluster(), List.of());
            long ready = own.stream().filter(release -> "Ready".equals(release.status.name())).count();
            long failed = own.stream().filter(release -> "Failed".equals(release.status.name())).count();
            long driftedHere = drifts.stream().filter(drift -> drift.cluster().equals(cluster.cluster())).count();
            html.append("<div class=\"card").append(cluster.reachable() ? "" : " down").append("\" data-cluster=\"")
                    .append(escape(cluster.cluster())).append("\"><b>").append(escape(cluster.cluster())).append("</b> ")
                    .append(escape(String.valueOf(cluster.kubernetesVersion()))).append(cluster.reachable() ? "" : " unreachable")
                    .append("<br>nodes ").append(cluster.nodesReady()).append('/').append(cluster.nodesTotal())
                    .append(" ready<br>workloads ").append(cluster.workloadsReady()).append('/').append(cluster.workloadsTotal())
                    .append(" ready<br>releases ").append(ready).append(" ready, ").append(failed).append(" failed, ")
                    .append(driftedHere).append(" drifted</div>");
        }
        html.append("</div>");
        matrix(html, clusters, releases, drifted);
        driftList(html, drifts);
        replicas(html, clusters);
        html.append("""
                <script>
                // Live: any event the observer keeps reloads the page's content, at most once a second.
                let pending = false;
                new EventSource('/api/events/stream').onmessage = () => {
                  if (pending) return;
                  pending = true;
                  setTimeout(() => fetch(location.pathname).then(r => r.text()).then(page => {
                    pending = false;
                    const fresh = new DOMParser().parseFromString(page, 'text/html');
                    document.getElementById('live').replaceWith(fresh.getElementById('live'));
                    document.getElementById('clusters').replaceWith(fresh.getElementById('clusters'));
                  }), 1000);
                };
                </script></body></html>
                """);
        return html.toString();
    }

    private static void matrix(StringBuilder html, List<ClusterState> clusters, List<ReleaseStatus> releases,
            Set<String> drifted) {
        Set<String> clusterNames = new TreeSet<>();
        clusters.forEach(cluster -> clusterNames.add(cluster.cluster()));
        releases.forEach(release -> clusterNames.add(release.cluster));
        Map<String, Map<String, ReleaseStatus>> rows = new TreeMap<>();
        releases.forEach(release -> rows.computeIfAbsent(release.namespace + "/" + release.name, row -> new TreeMap<>())
                .put(release.cluster, release));
        html.append("<div id=\"live\"><h2>Releases</h2><table id=\"matrix\"><tr><th>release</th>");
        clusterNames.forEach(cluster -> html.append("<th>").append(escape(cluster)).append("</th>"));
        html.append("</tr>");
        rows.forEach((row, byCluster) -> {
            html.append("<tr><th>").append(escape(row)).append("</th>");
            for (String cluster : clusterNames) {
                ReleaseStatus release = byCluster.get(cluster);
                if (release == null) {
                    html.append("<td></td>");
                    continue;
                }
                boolean isDrifted = drifted.contains(release.releaseKey);
                html.append("<td class=\"").append(release.status.name()).append(isDrifted ? " drifted" : "")
                        .append("\" title=\"").append(escape(release.message == null ? "" : release.message))
                        .append("\">").append(release.status.name()).append(isDrifted ? " (drifted)" : "")
                        .append(" r").append(release.revision).append("</td>");
            }
            html.append("</tr>");
        });
        html.append("</table>");
    }

    private static void driftList(StringBuilder html, List<DriftView> drifts) {
        html.append("<h2>Drift</h2><table id=\"drift\"><tr><th>release</th><th>object</th><th>fields</th>"
                + "<th>changed by</th><th>mode</th></tr>");
        for (DriftView drift : drifts) {
            drift.objects().forEach(object -> html.append("<tr><td>").append(escape(drift.cluster() + "/"
                    + drift.namespace() + "/" + drift.name())).append("</td><td>").append(escape(object.object().toString()))
                    .append("</td><td><code>").append(object.deleted() ? "deleted" : escape(String.join(" ", object.fields())))
                    .append("</code></td><td>").append(escape(object.manager() == null ? "" : object.manager()))
                    .append(object.changedAt() == null ? "" : " at " + object.changedAt()).append("</td><td>")
                    .append(escape(drift.mode())).append("</td></tr>"));
        }
        html.append("</table>");
    }

    /** One small line chart per autoscaler: desired replicas at each scaling, as an inline SVG. */
    private static void replicas(StringBuilder html, List<ClusterState> clusters) {
        html.append("<h2>Autoscaled workloads</h2><div class=\"cards\">");
        for (ClusterState cluster : clusters) {
            for (ClusterState.Autoscaler autoscaler : cluster.autoscalers()) {
                List<ClusterState.Scaling> scalings = autoscaler.scalings();
                if (scalings.isEmpty()) {
                    continue;
                }
                int max = scalings.stream().mapToInt(ClusterState.Scaling::replicas).max().orElse(1);
                long first = scalings.get(0).at().toEpochMilli();
                long span = Math.max(1, scalings.get(scalings.size() - 1).at().toEpochMilli() - first);
                StringBuilder points = new StringBuilder();
                for (ClusterState.Scaling scaling : scalings) {
                    long x = scalings.size() == 1 ? 0 : (scaling.at().toEpochMilli() - first) * 200 / span;
                    long y = 60 - (long) scaling.replicas() * 55 / Math.max(1, max);
                    points.append(x).append(',').append(y).append(' ');
                }
                html.append("<div class=\"card\">").append(escape(cluster.cluster() + " " + autoscaler.namespace() + "/"
                        + autoscaler.name())).append(" (").append(autoscaler.currentReplicas()).append(" now, max ")
                        .append(max).append(")<br><svg width=\"200\" height=\"62\" role=\"img\"><polyline fill=\"none\" "
                                + "stroke=\"#36c\" stroke-width=\"2\" points=\"").append(points.toString().trim())
                        .append("\"/></svg></div>");
            }
        }
        html.append("</div></div>");
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
