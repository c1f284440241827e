package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.flotilla.events.ClusterState;
import io.flotilla.events.Outcome;
import io.flotilla.events.PullSecretsSynced;
import io.flotilla.observer.fleet.ClusterView;
import io.flotilla.observer.pullsecret.PullSecretsView;
import io.flotilla.observer.rollout.HeldRolloutView;
import io.flotilla.observer.trend.Trends;

/**
 * The fleet overview: the registered clusters as cards grouped by a label ({@code env} unless asked otherwise), each
 * with its health at a glance: reachability, Kubernetes version, nodes and workloads ready, releases by status,
 * bootstrap ("eu-3: 37 of 40 Ready", and how long it took to all Ready), waves, pull secrets ("dockerhub 41/42
 * namespaces, rotating: 3 stale", the seed's digest abridged, errors), registration and last reconcile; and the
 * label filter that chooses the cards.
 */
final class ClusterCards {

    private ClusterCards() {
    }

    /** The label filter and grouping; outside the live part, so what is typed stays while the page follows. */
    static void filter(StringBuilder html, Dashboard dashboard) {
        html.append("<form class=\"filters\" aria-label=\"Choose clusters\"><label>Clusters labelled"
                + "<input name=\"selector\" placeholder=\"env=prod,region=eu\" value=\"")
                .append(escape(dashboard.selector())).append("\"></label><label>Grouped by label"
                        + "<input name=\"group\" placeholder=\"env\" size=\"8\" value=\"")
                .append(escape(dashboard.group())).append("\"></label>");
        hidden(html, "release", dashboard.filter().text());
        hidden(html, "namespace", dashboard.filter().namespace());
        hidden(html, "status", dashboard.filter().status());
        html.append("<button>Show clusters</button></form>");
    }

    static void hidden(StringBuilder html, String name, String value) {
        if (value != null && !value.isEmpty()) {
            html.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(escape(value))
                    .append("\">");
        }
    }

    static void write(StringBuilder html, Dashboard dashboard) {
        html.append("<section id=\"clusters\" data-live>");
        if (dashboard.clusters().isEmpty()) {
            html.append("<p>").append(dashboard.selector().isEmpty() ? "No cluster is registered."
                    : "No registered cluster is labelled " + escape(dashboard.selector()) + ".").append("</p>");
        }
        Map<String, List<ClusterView>> groups = dashboard.clusters().stream().collect(Collectors.groupingBy(
                view -> view.labels().getOrDefault(dashboard.group(), ""), TreeMap::new, Collectors.toList()));
        for (Map.Entry<String, List<ClusterView>> group : groups.entrySet()) {
            html.append("<section class=\"group\" aria-label=\"").append(escape(groupName(dashboard, group.getKey())))
                    .append("\">");
            if (groups.size() > 1 || !group.getKey().isEmpty()) {
                html.append("<h3>").append(escape(groupName(dashboard, group.getKey()))).append(" <small>(")
                        .append(group.getValue().size()).append(")</small></h3>");
            }
            html.append("<div class=\"cards\">");
            group.getValue().forEach(view -> card(html, view,
                    dashboard.outcomes().getOrDefault(view.name(), Map.of()),
                    dashboard.trends().ready().getOrDefault(view.name(), List.of())));
            html.append("</div></section>");
        }
        html.append("</section>");
    }

    private static String groupName(Dashboard dashboard, String value) {
        return value.isEmpty() ? "no " + dashboard.group() + " label" : dashboard.group() + "=" + value;
    }

    private static void card(StringBuilder html, ClusterView view, Map<Outcome, Long> outcomes,
            List<Trends.Ready> readyOverTime) {
        ClusterState cluster = view.state();
        boolean reachable = "Reachable".equals(view.reachability());
        html.append("<article class=\"card").append(reachable ? "" : " down").append("\" data-cluster=\"")
                .append(escape(view.name())).append("\"><header>").append(Links.toCluster(view.name()))
                .append(StatusBadge.of(view.reachability())).append("</header>");
        html.append(Links.labels(view.labels()));
        html.append("<dl><dt>Kubernetes</dt><dd>").append(cluster.kubernetesVersion() == null ? "unknown"
                : escape(cluster.kubernetesVersion())).append("</dd><dt>nodes</dt><dd>").append(cluster.nodesReady())
                .append('/').append(cluster.nodesTotal()).append(" ready</dd><dt>workloads</dt><dd>")
                .append(cluster.workloadsReady()).append('/').append(cluster.workloadsTotal()).append(" ready</dd>");
        if (!view.waves().isEmpty()) {
            html.append("<dt>waves</dt><dd>").append(escape(String.join(", ", view.waves()))).append("</dd>");
        }
        html.append("</dl>");
        releases(html, view, outcomes);
        TrendPlots.ready(html, "ready-" + view.name(), view.name(), readyOverTime,
                "the last " + Trends.OVERVIEW_READY.toHours() + " hours", false);
        ClusterView.BootstrapProgress bootstrap = view.bootstrap();
        html.append("<div class=\"meter\" role=\"img\" aria-label=\"").append(bootstrap.ready()).append(" of ")
                .append(bootstrap.total()).append(" releases Ready\"><span style=\"width:")
                .append(bootstrap.total() == 0 ? 0 : bootstrap.ready() * 100 / bootstrap.total())
                .append("%\"></span></div><span class=\"bootstrap\">").append(escape(view.name())).append(": ")
                .append(bootstrap.ready()).append(" of ").append(bootstrap.total()).append(" Ready");
        if (bootstrap.allReadyAfterSeconds() != null) {
            html.append(", all Ready ").append(bootstrap.allReadyAfterSeconds()).append(" s after registration");
        }
        html.append("</span>");
        pullSecrets(html, view.pullSecrets());
        if (!cluster.stuckPods().isEmpty()) {
            html.append("<span class=\"bad\">").append(cluster.stuckPods().size()).append(" pods stuck</span>");
        }
        long halted = view.rollouts().stream().filter(rollout -> "halted".equals(rollout.state())).count();
        if (halted > 0) {
            html.append("<span class=\"bad\">").append(halted).append(" rollouts halted</span>");
        }
        long held = view.rollouts().stream().map(HeldRolloutView::state).filter("held"::equals).count();
        if (held > 0) {
            html.append("<span>").append(held).append(" rollouts held</span>");
        }
        html.append("<small>registered ").append(time(view.registeredAt())).append(" (").append(escape(view.source()))
                .append(")");
        if (view.lastReconciledAt() != null) {
            html.append("<br>last reconcile ").append(time(view.lastReconciledAt()));
        }
        html.append("</small></article>");
    }

    /** Its releases by status: each status it has, as a badge with the count; drifted beside them. */
    private static void releases(StringBuilder html, ClusterView view, Map<Outcome, Long> outcomes) {
        html.append("<div class=\"counts\" aria-label=\"releases\">");
        long ready = outcomes.getOrDefault(Outcome.Ready, view.releases().ready());
        long failed = outcomes.getOrDefault(Outcome.Failed, view.releases().failed());
        if (ready > 0) {
            html.append(StatusBadge.of("Ready", ready + " ready"));
        }
        if (failed > 0) {
            html.append(StatusBadge.of("Failed", failed + " failed"));
        }
        if (view.releases().drifted() > 0) {
            html.append(StatusBadge.of(MatrixFilter.DRIFTED, view.releases().drifted() + " drifted"));
        }
        outcomes.forEach((outcome, count) -> {
            if (outcome != Outcome.Ready && outcome != Outcome.Failed && count > 0) {
                html.append(StatusBadge.of(outcome.name(), count + " " + outcome.name().toLowerCase(Locale.ROOT)));
            }
        });
        if (ready == 0 && failed == 0 && outcomes.isEmpty()) {
            html.append("<span class=\"muted\">no release yet</span>");
        }
        html.append("</div>");
    }

    /** One line per pull secret, then what kept registry-secrets from syncing, and when it last synced. */
    static void pullSecrets(StringBuilder html, PullSecretsView synced) {
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
