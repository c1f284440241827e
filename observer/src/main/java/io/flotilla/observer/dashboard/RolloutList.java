package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

import io.flotilla.observer.rollout.HeldRolloutView;

/**
 * The releases held or halted at a wave gate, each with the cluster of the wave before it waits for and why; a
 * halted one waits for a fix or {@code flotilla rollout resume}.
 */
final class RolloutList {

    private RolloutList() {
    }

    static void write(StringBuilder html, Dashboard dashboard) {
        html.append("<h2>Rollouts</h2>");
        if (dashboard.rollouts().isEmpty()) {
            html.append("<p id=\"rollouts\">No rollout is held at a wave.</p>");
            return;
        }
        html.append("<table id=\"rollouts\"><tr><th>release</th><th>state</th><th>rollout</th><th>wave</th>"
                + "<th>waits for</th><th>reason</th><th>since</th></tr>");
        for (HeldRolloutView rollout : dashboard.rollouts()) {
            html.append("<tr><td>").append(escape(rollout.cluster() + "/" + rollout.namespace() + "/" + rollout.name()))
                    .append("</td><td class=\"").append("halted".equals(rollout.state()) ? "Failed" : "Progressing")
                    .append("\">").append(rollout.state()).append("</td><td>").append(escape(rollout.rollout()))
                    .append("</td><td>").append(escape(rollout.waveName())).append("</td><td>")
                    .append(escape(rollout.blockingCluster())).append("</td><td>")
                    .append(rollout.reason() == null ? "" : escape(rollout.reason())).append("</td><td>")
                    .append(rollout.heldAt()).append("</td></tr>");
        }
        html.append("</table>");
    }
}
