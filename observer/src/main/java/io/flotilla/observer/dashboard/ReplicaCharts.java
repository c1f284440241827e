package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;
import static io.flotilla.observer.dashboard.Html.time;

import java.util.List;

import io.flotilla.events.ClusterState;
import io.flotilla.observer.fleet.ClusterView;

/** One small plot per autoscaler: its desired replicas at each scaling, over time. */
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
        String workload = autoscaler.namespace() + "/" + autoscaler.name();
        html.append("<div class=\"card\">").append(escape(cluster + " " + workload)).append(" (")
                .append(autoscaler.currentReplicas()).append(" now, max ")
                .append(scalings.stream().mapToInt(ClusterState.Scaling::replicas).max().orElse(0)).append(')');
        new Plot("replicas-" + cluster + "-" + autoscaler.namespace() + "-" + autoscaler.name(),
                "Desired replicas of " + workload + " on " + cluster + " at each scaling", "", "scaled",
                scalings.stream().map(scaling -> scaling.at().getEpochSecond()).toList(),
                scalings.stream().map(scaling -> time(scaling.at())).toList(),
                List.of(new Plot.Series("desired replicas", scalings.stream()
                        .map(scaling -> (long) scaling.replicas()).toList())))
                .writeLines(html, true);
        html.append("</div>");
    }
}
