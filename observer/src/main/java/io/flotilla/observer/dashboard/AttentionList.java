package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.flotilla.events.DriftFound;
import io.flotilla.observer.drift.DriftRecords.DriftView;
import io.flotilla.observer.fleet.ClusterView;
import io.flotilla.observer.release.ReleaseStatus;
import io.flotilla.observer.rollout.HeldRolloutView;

/**
 * The overview's headline: what needs a person now among the clusters shown, newest first, each with its reason and a
 * link to its page: failed releases, drift, clusters that do not answer, halted rollouts, pull secrets in error (a
 * namespace that refused its copy, a seed that cannot be used, a cluster registry-secrets could not sync). When all
 * is well it says so in one line.
 */
final class AttentionList {

    /** Failed releases read for the headline; those beyond show in the matrix, filtered by status. */
    static final int FAILURES_READ = 50;
    static final int SHOWN = 25;

    /** One thing that needs a person: when it happened, its status, what it is about (HTML) and why. */
    private record Need(Instant at, String status, String subject, String why) {
    }

    private AttentionList() {
    }

    static void write(StringBuilder html, Dashboard dashboard) {
        List<Need> needs = needs(dashboard);
        html.append("<section id=\"attention\" data-live aria-live=\"polite\">");
        if (needs.isEmpty()) {
            html.append("<p class=\"all-well\">✓ Nothing needs attention: every cluster shown answers, no release "
                    + "failed, nothing drifted.</p></section>");
            return;
        }
        html.append("<div class=\"attention\"><h2>Needs attention (").append(needs.size()).append(")</h2><ol>");
        for (Need need : needs.stream().limit(SHOWN).toList()) {
            html.append("<li>").append(StatusBadge.of(need.status())).append(' ').append(need.subject())
                    .append(" <span class=\"why\">").append(escape(need.why())).append("</span>");
            html.append(" <small>").append(Html.time(need.at())).append("</small></li>");
        }
        html.append("</ol>");
        if (needs.size() > SHOWN) {
            html.append("<p><small>").append(needs.size() - SHOWN).append(" more: filter the matrix by status."
                    + "</small></p>");
        }
        html.append("</div></section>");
    }

    private static List<Need> needs(Dashboard dashboard) {
        Set<String> shown = dashboard.clusters().stream().map(ClusterView::name).collect(Collectors.toSet());
        boolean everyCluster = dashboard.selector().isEmpty();
        List<Need> needs = new ArrayList<>();
        for (ClusterView view : dashboard.clusters()) {
            if ("Unreachable".equals(view.reachability())) {
                needs.add(new Need(view.state().observedAt(), "Unreachable", Links.toCluster(view.name()),
                        "does not answer"));
            }
            if (view.pullSecrets() != null && view.pullSecrets().errorCount() > 0) {
                int errors = view.pullSecrets().errorCount();
                needs.add(new Need(view.pullSecrets().syncedAt(), "Failed", Links.toCluster(view.name()),
                        "pull secrets: " + errors + (errors == 1 ? " error" : " errors")));
            }
        }
        for (ReleaseStatus failed : dashboard.failures()) {
            if (everyCluster || shown.contains(failed.cluster)) {
                needs.add(new Need(failed.reconciledAt == null ? failed.appliedAt : failed.reconciledAt,
                        failed.status.name(), Links.toRelease(failed.cluster, failed.namespace, failed.name),
                        "r" + failed.revision + ": " + (failed.message != null ? failed.message
                                : failed.reconcileMessage != null ? failed.reconcileMessage : "no reason given")));
            }
        }
        for (DriftView drift : dashboard.drifts()) {
            if (everyCluster || shown.contains(drift.cluster())) {
                needs.add(new Need(drift.foundAt(), MatrixFilter.DRIFTED,
                        Links.toRelease(drift.cluster(), drift.namespace(), drift.name()), drifted(drift.objects())));
            }
        }
        for (HeldRolloutView rollout : dashboard.rollouts()) {
            if ("halted".equals(rollout.state()) && (everyCluster || shown.contains(rollout.cluster()))) {
                needs.add(new Need(rollout.heldAt(), "halted",
                        Links.toRelease(rollout.cluster(), rollout.namespace(), rollout.name()),
                        "rollout halted at wave " + rollout.waveName() + (rollout.reason() == null ? ""
                                : ": " + rollout.reason())));
            }
        }
        needs.sort(Comparator.comparing(Need::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return needs;
    }

    /** "Deployment apps/web: /spec/replicas; ConfigMap apps/web deleted". */
    private static String drifted(List<DriftFound.DriftedObject> objects) {
        return objects.stream().map(object -> object.object().kind() + " " + object.object().namespace() + "/"
                + object.object().name() + (object.deleted() ? " deleted" : ": " + String.join(" ", object.fields()))
                + (object.manager() == null ? "" : " (by " + object.manager() + ")"))
                .collect(Collectors.joining("; "));
    }
}
