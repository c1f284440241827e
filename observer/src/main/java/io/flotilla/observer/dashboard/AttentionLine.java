package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.flotilla.observer.fleet.ClusterView;

/**
 * The fleet overview's headline: what needs a person among the clusters shown, each with the clusters concerned:
 * clusters that do not answer, rollouts halted, pull secrets in error (a namespace that refused its copy, a seed that
 * cannot be used, a cluster registry-secrets could not sync). Nothing is written when all is well.
 */
final class AttentionLine {

    private AttentionLine() {
    }

    static void write(StringBuilder html, Dashboard dashboard) {
        List<String> needs = new ArrayList<>();
        List<String> unreachable = dashboard.clusters().stream()
                .filter(view -> "Unreachable".equals(view.reachability())).map(ClusterView::name).toList();
        if (!unreachable.isEmpty()) {
            needs.add("unreachable: " + String.join(", ", unreachable));
        }
        List<String> halted = dashboard.clusters().stream()
                .filter(view -> view.rollouts().stream().anyMatch(rollout -> "halted".equals(rollout.state())))
                .map(ClusterView::name).toList();
        if (!halted.isEmpty()) {
            needs.add("rollouts halted on " + String.join(", ", halted));
        }
        String pullSecrets = dashboard.clusters().stream()
                .filter(view -> view.pullSecrets() != null && view.pullSecrets().errorCount() > 0)
                .map(view -> view.name() + " (" + errors(view.pullSecrets().errorCount()) + ")")
                .collect(Collectors.joining(", "));
        if (!pullSecrets.isEmpty()) {
            needs.add("pull secrets on " + pullSecrets);
        }
        html.append("<div id=\"attention\">");
        if (!needs.isEmpty()) {
            html.append("<p class=\"bad\">Needs attention: ").append(escape(String.join("; ", needs))).append("</p>");
        }
        html.append("</div>");
    }

    private static String errors(int count) {
        return count + (count == 1 ? " error" : " errors");
    }
}
