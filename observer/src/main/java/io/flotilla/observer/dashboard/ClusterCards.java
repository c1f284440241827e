package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.flotilla.events.ClusterState;
import io.flotilla.events.PullSecretsSynced;
import io.flotilla.observer.fleet.ClusterView;
import io.flotilla.observer.pullsecret.PullSecretsView;
import io.flotilla.observer.rollout.HeldRolloutView;

/**
 * The fleet overview: a card per registered cluster with its version, labels, nodes, workloads, releases, bootstrap
 * ("eu-3: 37 of 40 Ready", and how long it took to all Ready), waves, pull secrets ("dockerhub 41/42 namespaces,
 * rotating: 3 stale", the seed's digest abridged, errors), registration and last reconcile; and the label filter that
 * chooses the cards.
 */
final class ClusterCards {

    private ClusterCards() {
    }

    /** The label filter; outside the live part, so what is typed stays while the page follows. */
    static void filter(StringBuilder html, Dashboard dashboard) {
        html.append("<form class=\"nav\">Clusters labelled <input name=\"selector\" placeholder=\"env=prod,region=eu\""
                + " value=\"").append(escape(dashboard.selector())).append("\">");
        if (dashboard.filter() != null) {
            html.append("<input type=\"hidden\" name=\"release\" value=\"").append(escape(dashboard.filter()))
                    .append("\">");
        }
        html.append(" <button>Filter</button></form>");
    }

    static void write(StringBuilder html, Dashboard dashboard) {
        html.append("<div class=\"cards\" id=\"clusters\">");
        if (dashboard.clusters().isEmpty()) {
            html.append(dashboard.selector().isEmpty() ? "No cluster is registered."
                    : "No registered cluster is labelled " + escape(dashboard.selector()) + ".");
        }
        for (ClusterView view : dashboard.clusters()) {
            card(html, view);
        }
        html.append("</div>");
    }

    private static void card(StringBuilder html, ClusterView view) {
        ClusterState cluster = view.state();
        boolean reachable = "Reachable".equals(view.reachability());
        html.append("<div class=\"card").append(reachable ? "" : " down").append("\" data-cluster=\"")
                .append(escape(view.name())).append("\"><b>").append(escape(view.name())).append("</b>")
                .append(cluster.kubernetesVersion() == null ? "" : " " + escape(cluster.kubernetesVersion()))
                .append(reachable ? "" : " unreachable");
        if (!view.labels().isEmpty()) {
            html.append("<br><small class=\"labels\">").append(escape(new TreeMap<>(view.labels()).entrySet().stream()
                    .map(label -> label.getKey() + "=" + label.getValue()).collect(Collectors.joining(" "))))
                    .append("</small>");
        }
        html.append("<br>nodes ").append(cluster.nodesReady()).append('/').append(cluster.nodesTotal())
                .append(" ready<br>workloads ").append(cluster.workloadsReady()).append('/')
                .append(cluster.workloadsTotal()).append(" ready<br>releases ").append(view.releases().ready())
                .append(" ready, ").append(view.releases().failed()).append(" failed, ")
                .append(view.releases().drifted()).append(" drifted");
        ClusterView.BootstrapProgress bootstrap = view.bootstrap();
        html.append("<br><span class=\"bootstrap\">").append(escape(view.name())).append(": ").append(bootstrap.ready())
                .append(" of ").append(bootstrap.total()).append(" Ready");
        if (bootstrap.allReadyAfterSeconds() != null) {
            html.append(", all Ready ").append(bootstrap.allReadyAfterSeconds()).append(" s after registration");
        }
        html.append("</span>");
        if (!view.waves().isEmpty()) {
            html.append("<br>waves ").append(escape(String.join(", ", view.waves())));
        }
        pullSecrets(html, view.pullSecrets());
        html.append("<br><small>registered ").append(time(view.registeredAt())).append(" (")
                .append(escape(view.source())).append(")");
        if (view.lastReconciledAt() != null) {
            html.append("<br>last reconcile ").append(time(view.lastReconciledAt()));
        }
        html.append("</small>");
        if (!cluster.stuckPods().isEmpty()) {
            html.append("<br><span class=\"bad\">").append(cluster.stuckPods().size()).append(" pods stuck</span>");
        }
        long halted = view.rollouts().stream().filter(rollout -> "halted".equals(rollout.state())).count();
        if (halted > 0) {
            html.append("<br><span class=\"bad\">").append(halted).append(" rollouts halted</span>");
        }
        long held = view.rollouts().stream().map(HeldRolloutView::state).filter("held"::equals).count();
        if (held > 0) {
            html.append("<br>").append(held).append(" rollouts held");
        }
        html.append("</div>");
    }

    /** One line per pull secret, then what kept registry-secrets from syncing, and when it last synced. */
    private static void pullSecrets(StringBuilder html, PullSecretsView synced) {
        if (synced == null) {
            return;
        }
        html.append("<span class=\"pull-secrets\">");
        if (synced.pullSecrets().isEmpty()) {
            html.append("<br>pull secrets: none");
        }
        for (PullSecretsSynced.Coverage coverage : synced.pullSecrets()) {
            html.append("<br>pull secrets: ").append(escape(coverage.name())).append(' ')
                    .append(coverage.namespacesCovered()).append('/').append(coverage.namespacesTotal())
                    .append(" namespaces");
            if (!coverage.stale().isEmpty()) {
                html.append(", rotating: ").append(coverage.stale().size()).append(" stale");
            }
            if (coverage.seedDigest() != null) {
                html.append(" <code>").append(escape(abridged(coverage.seedDigest()))).append("</code>");
            }
            int errors = coverage.errors().size();
            if (errors > 0) {
                html.append("<br><small class=\"bad\">").append(escape(coverage.errors().get(0)))
                        .append(errors > 1 ? " (and " + (errors - 1) + " more)" : "").append("</small>");
            }
        }
        for (String error : synced.removalErrors()) {
            html.append("<br><small class=\"bad\">").append(escape(error)).append("</small>");
        }
        if (synced.error() != null) {
            html.append("<br><small class=\"bad\">pull secrets not synced: ").append(escape(synced.error()))
                    .append("</small>");
        }
        html.append("<br><small>pull secrets synced ").append(time(synced.syncedAt())).append("</small></span>");
    }

    /** {@code sha256:} and the first 12 characters of the digest: enough to tell two seeds apart at a glance. */
    private static String abridged(String digest) {
        int start = digest.startsWith("sha256:") ? "sha256:".length() : 0;
        return digest.substring(0, Math.min(digest.length(), start + 12));
    }

    private static String time(Instant at) {
        return at == null ? "" : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
