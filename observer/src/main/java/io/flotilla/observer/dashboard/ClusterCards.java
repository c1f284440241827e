package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

import java.util.Map;
import java.util.function.Function;

import io.flotilla.events.ClusterState;
import io.flotilla.events.Outcome;

/** The fleet overview: a card per cluster with its version, nodes, workloads and releases. */
final class ClusterCards {

    private ClusterCards() {
    }

    static void write(StringBuilder html, Dashboard dashboard) {
        html.append("<div class=\"cards\" id=\"clusters\">");
        for (ClusterState cluster : dashboard.clusters()) {
            Map<Outcome, Long> releases = dashboard.releaseCounts().getOrDefault(cluster.cluster(), Map.of());
            Function<Outcome, Long> count = outcome -> releases.getOrDefault(outcome, 0L);
            html.append("<div class=\"card").append(cluster.reachable() ? "" : " down").append("\" data-cluster=\"")
                    .append(escape(cluster.cluster())).append("\"><b>").append(escape(cluster.cluster())).append("</b> ")
                    .append(escape(cluster.kubernetesVersion())).append(cluster.reachable() ? "" : " unreachable")
                    .append("<br>nodes ").append(cluster.nodesReady()).append('/').append(cluster.nodesTotal())
                    .append(" ready<br>workloads ").append(cluster.workloadsReady()).append('/')
                    .append(cluster.workloadsTotal()).append(" ready<br>releases ").append(count.apply(Outcome.Ready))
                    .append(" ready, ").append(count.apply(Outcome.Failed)).append(" failed, ")
                    .append(dashboard.driftedOn(cluster.cluster())).append(" drifted");
            if (!cluster.stuckPods().isEmpty()) {
                html.append("<br><span class=\"bad\">").append(cluster.stuckPods().size()).append(" pods stuck</span>");
            }
            html.append("</div>");
        }
        html.append("</div>");
    }
}
