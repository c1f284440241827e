package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;
import static io.flotilla.observer.dashboard.Html.shortSha;
import static io.flotilla.observer.dashboard.Html.time;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.flotilla.events.DriftFound;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.objecttree.ObjectNode;
import io.flotilla.observer.release.ReleaseStatus;
import io.flotilla.observer.rollout.HeldRolloutView;
import io.flotilla.observer.timeline.TimelineEvent;

/**
 * The page of one release on one cluster ({@code /releases/{cluster}/{namespace}/{name}}): where it stands and why,
 * its last reconcile, the rollouts holding it, what drifted and who changed it, its objects as they are on the cluster
 * now (a tree by owner: Deployment, ReplicaSet, Pod, or CronJob, Job, Pod, each with its health; the revision's hook
 * Jobs with them), followed while the page is open ({@code data-follow}), its objects as the latest revision applied
 * them, its hooks and how they ended, its revisions with what changed between them and a link to each commit's
 * journey, and its history.
 */
public final class ReleaseDetailPage {

    private ReleaseDetailPage() {
    }

    /**
     * @param said   what the applier answered the last action taken on this page, shown with the actions; or null
     * @param mayAct whether the caller holds the operator role: the actions are offered only then
     */
    public static String render(ReleaseDetail detail, String said, boolean mayAct) {
        ReleaseKey key = detail.release();
        ReleaseStatus status = detail.status();
        StringBuilder html = PageFrame.open(key.namespace() + "/" + key.name() + " on " + key.cluster());
        html.append("<p class=\"crumbs\"><a href=\"/\">Fleet</a> / ").append(Links.toCluster(key.cluster()))
                .append(" / ").append(escape(key.namespace())).append("</p><h1>").append(escape(key.name()));
        html.append("</h1><div id=\"release\" data-live data-follow=\"").append(Links.release(key.cluster(),
                key.namespace(), key.name())).append("/live?since=").append(detail.liveSince()).append("\">");
        html.append("<p class=\"counts\">").append(StatusBadge.of(status == null ? "Unknown" : status.status.name()));
        if (detail.drifted()) {
            html.append(StatusBadge.of(MatrixFilter.DRIFTED, "Drifted"));
        }
        html.append("</p>");
        facts(html, key, status);
        if (status != null && status.message != null) {
            html.append("<section class=\"panel\" id=\"reason\"><h2>Why it is ").append(escape(status.status.name()))
                    .append("</h2><p class=\"reason\">").append(escape(status.message)).append("</p></section>");
        }
        rollouts(html, detail.rollouts());
        drift(html, detail);
        List<ReleaseApplied> revisions = detail.revisions();
        live(html, detail.live());
        objects(html, revisions);
        hooks(html, detail.hooks());
        revisions(html, revisions);
        history(html, key, detail.history());
        html.append("</div>");
        actions(html, key, status, revisions, said, mayAct);
        return PageFrame.close(html);
    }

    /**
     * What the command line can do to the release, as plain forms outside the live part (what is typed stays while
     * the page follows the fleet): reconcile now, suspend with a reason or resume, roll back to a revision that was
     * Ready. The answer comes back as {@code said}, in a status the screen reader announces. A caller without the
     * operator role is told so instead of being offered forms that would be refused.
     */
    private static void actions(StringBuilder html, ReleaseKey key, ReleaseStatus status,
            List<ReleaseApplied> revisions, String said, boolean mayAct) {
        String base = "/releases/" + key.cluster() + "/" + key.namespace() + "/" + key.name() + "/actions/";
        html.append("<section class=\"panel\" id=\"actions\" aria-labelledby=\"actions-heading\">")
                .append("<h2 id=\"actions-heading\">Actions</h2>");
        if (!mayAct) {
            html.append("<p>Reconciling, suspending, resuming and rolling back need the operator role.</p></section>");
            return;
        }
        if (said != null && !said.isBlank()) {
            html.append("<p class=\"said\" role=\"status\">").append(escape(said)).append("</p>");
        }
        html.append("<form method=\"post\" action=\"").append(base).append("reconcile\">")
                .append("<button type=\"submit\">Reconcile now</button></form>");
        boolean suspended = status != null && "Suspended".equals(status.status.name());
        if (suspended) {
            html.append("<form method=\"post\" action=\"").append(base).append("resume\">")
                    .append("<button type=\"submit\">Resume</button></form>");
        } else {
            html.append("<form method=\"post\" action=\"").append(base).append("suspend\">")
                    .append("<label for=\"suspend-reason\">Reason to suspend</label>")
                    .append("<input id=\"suspend-reason\" name=\"reason\" type=\"text\">")
                    .append("<button type=\"submit\">Suspend</button></form>");
        }
        List<Integer> ready = revisions.stream().filter(revision -> "Ready".equals(revision.outcome().name()))
                .map(ReleaseApplied::revision).filter(number -> status == null || number != status.revision)
                .distinct().sorted(Comparator.reverseOrder()).toList();
        if (!ready.isEmpty()) {
            html.append("<form method=\"post\" action=\"").append(base).append("rollback\">")
                    .append("<label for=\"rollback-revision\">Revision to roll back to</label>")
                    .append("<select id=\"rollback-revision\" name=\"revision\">");
            ready.forEach(number -> html.append("<option>").append(number).append("</option>"));
            html.append("</select><button type=\"submit\">Roll back</button></form>");
        }
        html.append("</section>");
    }

    private static void facts(StringBuilder html, ReleaseKey key, ReleaseStatus status) {
        Facts facts = new Facts(html);
        facts.add("cluster", Links.toCluster(key.cluster()));
        facts.add("namespace", escape(key.namespace()));
        if (status != null) {
            facts.add("revision", String.valueOf(status.revision));
            facts.add("chart", escape(Objects.toString(status.chart, "")) + " "
                    + escape(Objects.toString(status.chartVersion, "")));
            facts.add("commit", status.sourceSha == null ? "" : journey(status.sourceSha));
            facts.add("applied", time(status.appliedAt));
            StringBuilder reconcile = new StringBuilder(time(status.reconciledAt));
            if (status.reconcileTrigger != null) {
                reconcile.append(" (").append(escape(status.reconcileTrigger)).append(')');
            }
            if (status.reconcileMessage != null) {
                reconcile.append("<br>").append(escape(status.reconcileMessage));
            }
            facts.add("last reconcile", reconcile.toString());
        }
        facts.end();
    }

    private static String journey(String sha) {
        return "<a href=\"/?commit=" + URLEncoder.encode(sha, StandardCharsets.UTF_8) + "#journey\"><code>"
                + shortSha(sha) + "</code></a>";
    }

    private static void rollouts(StringBuilder html, List<HeldRolloutView> rollouts) {
        if (rollouts.isEmpty()) {
            return;
        }
        html.append("<h2>Rollout</h2><table id=\"release-rollouts\"><thead><tr><th>state</th><th>rollout</th>"
                + "<th>wave</th><th>waits for</th><th>reason</th><th>since</th></tr></thead><tbody>");
        for (HeldRolloutView rollout : rollouts) {
            html.append("<tr><td>").append(StatusBadge.of(rollout.state())).append("</td><td>")
                    .append(escape(rollout.rollout())).append("</td><td>").append(escape(rollout.waveName()))
                    .append("</td><td>").append(Links.toCluster(rollout.blockingCluster())).append("</td><td>")
                    .append(rollout.reason() == null ? "" : escape(rollout.reason())).append("</td><td>")
                    .append(time(rollout.heldAt())).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void drift(StringBuilder html, ReleaseDetail detail) {
        html.append("<h2>Drift</h2>");
        if (!detail.drifted()) {
            html.append("<p id=\"release-drift\">No drift: the live objects match what was applied.</p>");
            return;
        }
        DriftFound drift = detail.drift().orElse(null);
        if (drift == null) {
            html.append("<p id=\"release-drift\">Drifted; what drifted is older than the history kept here: "
                    + "<a href=\"/api/drift\">/api/drift</a></p>");
            return;
        }
        html.append("<table id=\"release-drift\"><thead><tr><th>object</th><th>fields</th><th>changed by</th>"
                + "<th>when</th></tr></thead><tbody>");
        for (DriftFound.DriftedObject object : drift.objects()) {
            html.append("<tr><td>").append(escape(object(object.object()))).append("</td><td class=\"fields\">");
            if (object.deleted()) {
                html.append("deleted");
            }
            object.fields().forEach(field -> html.append("<code>").append(escape(field)).append("</code>"));
            html.append("</td><td>").append(object.manager() == null ? "unknown" : escape(object.manager()))
                    .append("</td><td>").append(time(object.changedAt())).append("</td></tr>");
        }
        html.append("</tbody></table><p><small>found in revision ").append(drift.revision()).append("</small></p>");
    }

    /** The objects of the newest revision as they are on the cluster, each over the objects it owns. */
    private static void live(StringBuilder html, List<ObjectNode> live) {
        html.append("<h2 id=\"live-heading\">On the cluster</h2>");
        if (live.isEmpty()) {
            html.append("<p id=\"live-objects\">No object is known: no revision applied is in the history.</p>");
            return;
        }
        html.append("<ul class=\"tree\" id=\"live-objects\" aria-labelledby=\"live-heading\">");
        live.forEach(node -> node(html, node));
        html.append("</ul>");
    }

    private static void node(StringBuilder html, ObjectNode node) {
        html.append("<li><span class=\"kind\">").append(escape(node.object().kind())).append("</span> ")
                .append(escape(name(node.object()))).append(' ');
        if (node.hook()) {
            html.append("<span class=\"muted\">hook</span> ");
        }
        if (node.health() == null) {
            html.append("<span class=\"muted\">").append(node.hook() ? "gone" : "no health of its own")
                    .append("</span>");
        } else {
            html.append(StatusBadge.of(node.health()));
        }
        if (node.reason() != null) {
            html.append(" <span class=\"reason\">").append(escape(node.reason())).append("</span>");
        }
        if (!node.children().isEmpty()) {
            html.append("<ul>");
            node.children().forEach(child -> node(html, child));
            html.append("</ul>");
        }
        html.append("</li>");
    }

    /** The objects of the newest revision applied, failed ones first, then by kind and name. */
    private static void objects(StringBuilder html, List<ReleaseApplied> revisions) {
        html.append("<h2>Objects</h2>");
        if (revisions.isEmpty() || revisions.get(0).objects().isEmpty()) {
            html.append("<p id=\"objects\">No object is known: no revision applied is in the history.</p>");
            return;
        }
        ReleaseApplied newest = revisions.get(0);
        List<ObjectResult> objects = new ArrayList<>(newest.objects());
        objects.sort(Comparator.comparing((ObjectResult result) -> result.error() == null)
                .thenComparing(result -> result.object().kind())
                .thenComparing(result -> Objects.toString(result.object().name(), "")));
        html.append("<table id=\"objects\"><caption class=\"muted\">as revision ").append(newest.revision())
                .append(" left them</caption><thead><tr><th>kind</th><th>name</th><th>API version</th><th>action</th>"
                        + "<th>error</th></tr></thead><tbody>");
        for (ObjectResult result : objects) {
            html.append("<tr><td>").append(escape(result.object().kind())).append("</td><td>")
                    .append(escape(name(result.object()))).append("</td><td>")
                    .append(escape(result.object().apiVersion())).append("</td><td>")
                    .append(StatusBadge.of(result.error() == null ? "Ready" : "Failed", result.action().wire()))
                    .append("</td><td class=\"reason\">").append(result.error() == null ? "" : escape(result.error()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void hooks(StringBuilder html, List<ReleaseDetail.HookRun> hooks) {
        html.append("<h2>Hooks</h2>");
        if (hooks.isEmpty()) {
            html.append("<p id=\"hooks\">No hook ran for the revisions in the history.</p>");
            return;
        }
        html.append("<table id=\"hooks\"><thead><tr><th>revision</th><th>hook</th><th>outcome</th><th>error</th>"
                + "</tr></thead><tbody>");
        for (ReleaseDetail.HookRun run : hooks) {
            boolean failed = run.hook().error() != null;
            html.append("<tr><td>r").append(run.revision()).append("</td><td>").append(escape(object(run.hook()
                    .object()))).append("</td><td>").append(StatusBadge.of(failed ? "Failed" : "Ready",
                            failed ? "failed" : "succeeded")).append("</td><td class=\"reason\">")
                    .append(failed ? escape(run.hook().error()) : "").append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void revisions(StringBuilder html, List<ReleaseApplied> revisions) {
        html.append("<h2>Revisions</h2>");
        if (revisions.isEmpty()) {
            html.append("<p id=\"revisions\">No revision applied is in the history.</p>");
            return;
        }
        html.append("<table id=\"revisions\"><thead><tr><th>revision</th><th>outcome</th><th>applied</th>"
                + "<th>commit</th><th>chart</th><th>took</th><th>what changed</th><th>error</th></tr></thead><tbody>");
        for (int i = 0; i < revisions.size(); i++) {
            ReleaseApplied revision = revisions.get(i);
            html.append("<tr><td>r").append(revision.revision()).append("</td><td>")
                    .append(StatusBadge.of(revision.outcome().name())).append("</td><td>")
                    .append(time(revision.appliedAt())).append("</td><td>")
                    .append(revision.sourceSha() == null ? "" : journey(revision.sourceSha())).append("</td><td>")
                    .append(escape(Objects.toString(revision.chartName(), "") + " "
                            + Objects.toString(revision.chartVersion(), ""))).append("</td><td>")
                    .append(revision.durationMs()).append(" ms</td><td>")
                    .append(i + 1 < revisions.size() ? escape(String.join("; ", RevisionChanges.between(
                            revisions.get(i + 1), revision))) : "first in the history")
                    .append("</td><td class=\"reason\">")
                    .append(revision.error() == null ? "" : escape(revision.error()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void history(StringBuilder html, ReleaseKey key, List<TimelineEvent> history) {
        html.append("<h2>History</h2><table id=\"history\"><thead><tr><th>when</th><th>event</th><th>from</th>"
                + "</tr></thead><tbody>");
        for (TimelineEvent event : history) {
            html.append("<tr><td>").append(time(event.time)).append("</td><td>").append(escape(event.type))
                    .append("</td><td>").append(escape(event.source)).append("</td></tr>");
        }
        html.append("</tbody></table><p><small>As JSON: <a href=\"/api").append(Links.release(key.cluster(),
                key.namespace(), key.name())).append("/history\">the release's history</a></small></p>");
    }

    static String object(ObjectRef object) {
        return object.kind() + " " + name(object);
    }

    private static String name(ObjectRef object) {
        return object.namespace() == null || object.namespace().isEmpty() ? object.name()
                : object.namespace() + "/" + object.name();
    }
}
