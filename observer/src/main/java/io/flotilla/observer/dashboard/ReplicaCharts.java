package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

import java.util.List;

import io.flotilla.events.ClusterState;
import io.flotilla.observer.fleet.ClusterView;

/** One small line chart per autoscaler: its desired replicas at each scaling, over time, as an inline SVG. */
final class ReplicaCharts {

    private ReplicaCharts() {
    }

    static void write(StringBuilder html, Dashboard dashboard) {
        html.append("<h2>Autoscaled workloads</h2><div class=\"cards\" id=\"replicas\">");
        for (ClusterState cluster : dashboard.clusters().stream().map(ClusterView::state).toList()) {
            for (ClusterState.Autoscaler autoscaler : cluster.autoscalers()) {
                if (!autoscaler.scalings().isEmpty()) {
                    chart(html, cluster.cluster(), autoscaler);
                }
            }
        }
        html.append("</div>");
    }

    static void chart(StringBuilder html, String cluster, ClusterState.Autoscaler autoscaler) {
        List<ClusterState.Scaling> scalings = autoscaler.scalings();
        int max = scalings.stream().mapToInt(ClusterState.Scaling::replicas).max().orElse(1);
        long first = scalings.get(0).at().toEpochMilli();
        long span = Math.max(1, scalings.get(scalings.size() - 1).at().toEpochMilli() - first);
        StringBuilder points = new StringBuilder();
        for (ClusterState.Scaling scaling : scalings) {
            long x = scalings.size() == 1 ? 0 : (scaling.at().toEpochMilli() - first) * 200 / span;
            long y = 60 - (long) scaling.replicas() * 55 / Math.max(1, max);
            points.append(x).append(',').append(y).append(' ');
        }
        html.append("<div class=\"card\">").append(escape(cluster + " " + autoscaler.namespace() + "/"
                + autoscaler.name())).append(" (").append(autoscaler.currentReplicas()).append(" now, max ")
                .append(max).append(")<br><svg class=\"chart\" width=\"200\" height=\"62\" role=\"img\"><title>")
                .append(escape("replicas of " + autoscaler.namespace() + "/" + autoscaler.name() + " from "
                        + scalings.get(0).at() + " to " + scalings.get(scalings.size() - 1).at()))
                .append("</title><polyline fill=\"none\" stroke=\"#36c\" stroke-width=\"2\" points=\"")
                .append(points.toString().trim()).append("\"/></svg></div>");
    }
}
