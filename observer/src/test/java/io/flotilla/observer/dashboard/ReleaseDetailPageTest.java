package io.flotilla.observer.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flotilla.events.DriftFound;
import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.objecttree.ObjectNode;
import io.flotilla.observer.release.ReleaseStatus;
import io.flotilla.observer.rollout.HeldRolloutView;
import io.flotilla.observer.timeline.TimelineEvent;

class ReleaseDetailPageTest {

    static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    static final ReleaseKey WEB = new ReleaseKey("dev", "apps", "web");
    static final ObjectRef DEPLOYMENT = new ObjectRef("apps/v1", "Deployment", "apps", "web");
    static final ObjectRef CONFIG_MAP = new ObjectRef("v1", "ConfigMap", "apps", "web");
    static final ObjectRef SECRET = new ObjectRef("v1", "Secret", "apps", "web-extra");

    final ReleaseApplied first = ReleaseApplied.builder().release(WEB).revision(1).outcome(Outcome.Ready)
            .sourceSha("aaaaaaa1111111").chart("hello", "1.0.0").inputDigest("one").durationMs(900).appliedAt(AT)
            .objects(List.of(ObjectResult.applied(DEPLOYMENT), ObjectResult.applied(CONFIG_MAP))).build();
    final ReleaseApplied second = ReleaseApplied.builder().release(WEB).revision(2).outcome(Outcome.Failed)
            .sourceSha("bbbbbbb2222222").chart("hello", "1.1.0").inputDigest("two").durationMs(1200)
            .appliedAt(AT.plusSeconds(60)).error("Deployment apps/web: spec.replicas: Invalid value: -1")
            .objects(List.of(ObjectResult.failed(DEPLOYMENT, "spec.replicas: Invalid value: -1"),
                    ObjectResult.applied(SECRET)))
            .build();
    final DriftFound drift = new DriftFound(WEB, 2, List.of(new DriftFound.DriftedObject(CONFIG_MAP,
            List.of("/data/greeting"), false, "kubectl-edit", AT.plusSeconds(90))));

    @Test
    void aFailedReleaseShowsWhyItsObjectsAndWhatChangedSinceTheRevisionBefore() {
        String page = ReleaseDetailPage.render(new ReleaseDetail(WEB, ReleaseStatus.of(second),
                history(second, first), false, List.of(), 0, List.of()), null, true);

        assertThat(page).contains("<h1>web</h1>", "<h2>Why it is Failed</h2><p class=\"reason\">Deployment apps/web: "
                + "spec.replicas: Invalid value: -1</p>",
                "<td>Deployment</td><td>apps/web</td><td>apps/v1</td><td><span class=\"status s-bad\" data-shape=\"✕\">"
                        + "failed</span></td>"
                        + "<td class=\"reason\">spec.replicas: Invalid value: -1</td>",
                "chart hello 1.0.0 → hello 1.1.0; commit aaaaaaa → bbbbbbb; values or manifests changed; "
                        + "+ Secret apps/web-extra; − ConfigMap apps/web",
                "<a href=\"/?commit=bbbbbbb2222222#journey\"><code>bbbbbbb222</code></a>", "first in the history",
                "No drift: the live objects match what was applied.",
                "<a href=\"/api/releases/dev/apps/web/history\">");
        assertThat(page.indexOf("spec.replicas: Invalid value: -1</td>"))
                .as("failed objects come first").isLessThan(page.indexOf("<td>Secret</td>"));
    }

    @Test
    void aDriftedReleaseShowsEachFieldAndWhoChangedIt() {
        String page = ReleaseDetailPage.render(new ReleaseDetail(WEB, ReleaseStatus.of(first),
                history(drift, first), true, List.of(), 0, List.of()), null, true);

        assertThat(page).contains("data-shape=\"≠\">Drifted</span>", "<table id=\"release-drift\">",
                "<td>ConfigMap apps/web</td><td class=\"fields\"><code>/data/greeting</code></td><td>kubectl-edit</td>"
                        + "<td><time datetime=\"2026-03-01T10:01:30Z\">2026-03-01T10:01:30Z</time></td>",
                "found in revision 2", "<td>DriftFound</td>");
    }

    @Test
    void aHaltedRolloutSaysWhichClusterItWaitsFor() {
        HeldRolloutView halted = new HeldRolloutView("dev", "apps", "web", "common", 1, "prod", "halted", "stg-1",
                "web is Failed on stg-1", "c0ffee1", 7, AT);

        String page = ReleaseDetailPage.render(new ReleaseDetail(WEB, ReleaseStatus.of(first), history(first), false,
                List.of(halted), 0, List.of()), null, true);

        assertThat(page).contains("data-shape=\"■\">halted</span></td><td>common</td><td>prod</td>"
                + "<td><a href=\"/clusters/stg-1\">stg-1</a></td><td>web is Failed on stg-1</td>");
    }

    @Test
    void theObjectsOnTheClusterShowUnderTheirOwnersWithTheirHealth() {
        ObjectRef replicaSet = new ObjectRef("apps/v1", "ReplicaSet", "apps", "web-5d9f");
        ObjectRef pod = new ObjectRef("v1", "Pod", "apps", "web-5d9f-x2x7");
        List<ObjectNode> live = List.of(
                new ObjectNode(DEPLOYMENT, "Progressing", "0 of 1 ready", List.of(new ObjectNode(replicaSet,
                        "Progressing", "0 of 1 ready", List.of(new ObjectNode(pod, "Degraded",
                                "container web: CrashLoopBackOff", List.of()))))),
                new ObjectNode(CONFIG_MAP, null, null, List.of()));

        String page = ReleaseDetailPage.render(new ReleaseDetail(WEB, ReleaseStatus.of(first), history(first), false,
                List.of(), 0, live), null, true);

        assertThat(page).contains("<ul class=\"tree\" id=\"live-objects\" aria-labelledby=\"live-heading\">"
                + "<li><span class=\"kind\">Deployment</span> apps/web <span class=\"status s-info\" data-shape=\"◐\">"
                + "Progressing</span> <span class=\"reason\">0 of 1 ready</span>"
                + "<ul><li><span class=\"kind\">ReplicaSet</span> apps/web-5d9f <span class=\"status s-info\" "
                + "data-shape=\"◐\">Progressing</span> <span class=\"reason\">0 of 1 ready</span>"
                + "<ul><li><span class=\"kind\">Pod</span> apps/web-5d9f-x2x7 <span class=\"status s-bad\" "
                + "data-shape=\"✕\">Degraded</span> <span class=\"reason\">container web: CrashLoopBackOff</span>"
                + "</li></ul></li></ul></li>"
                + "<li><span class=\"kind\">ConfigMap</span> apps/web <span class=\"muted\">no health of its own</span>"
                + "</li></ul>");
    }

    @Test
    void theOpenPageFollowsItsOwnStreamFromTheChangesItsTreeWasDrawnAt() {
        String page = ReleaseDetailPage.render(new ReleaseDetail(WEB, ReleaseStatus.of(first), history(first), false,
                List.of(), 42, List.of()), null, true);

        assertThat(page).contains("<div id=\"release\" data-live data-follow=\"/releases/dev/apps/web/live?since=42\">");
    }

    @Test
    void eachHookShowsWithTheRevisionItRanForAndHowItEnded() {
        ObjectRef migrate = new ObjectRef("batch/v1", "Job", "apps", "web-migrate");
        ObjectRef smoke = new ObjectRef("batch/v1", "Job", "apps", "web-smoke");
        ReleaseApplied withHooks = second.toBuilder().revision(3).objects(List.of(ObjectResult.applied(DEPLOYMENT),
                new ObjectResult(migrate, ObjectAction.HOOK, null),
                new ObjectResult(smoke, ObjectAction.HOOK, "job web-smoke failed: BackoffLimitExceeded"))).build();
        ReleaseApplied earlier = first.toBuilder().objects(List.of(ObjectResult.applied(DEPLOYMENT),
                new ObjectResult(migrate, ObjectAction.HOOK, null))).build();

        String page = ReleaseDetailPage.render(new ReleaseDetail(WEB, ReleaseStatus.of(withHooks),
                history(withHooks, earlier), false, List.of(), 0, List.of()), null, true);

        assertThat(page).contains("<table id=\"hooks\">",
                "<tr><td>r3</td><td>Job apps/web-migrate</td><td><span class=\"status s-ok\" data-shape=\"✓\">"
                        + "succeeded</span></td><td class=\"reason\"></td></tr>"
                        + "<tr><td>r3</td><td>Job apps/web-smoke</td><td><span class=\"status s-bad\" "
                        + "data-shape=\"✕\">failed</span></td><td class=\"reason\">job web-smoke failed: "
                        + "BackoffLimitExceeded</td></tr>"
                        + "<tr><td>r1</td><td>Job apps/web-migrate</td>");
    }

    @Test
    void aReleaseWithoutHooksSaysSo() {
        String page = ReleaseDetailPage.render(new ReleaseDetail(WEB, ReleaseStatus.of(first), history(first), false,
                List.of(), 0, List.of()), null, true);

        assertThat(page).contains("<p id=\"hooks\">No hook ran for the revisions in the history.</p>");
    }

    @Test
    void theActionsAreFormsOutsideTheLivePartAndTheApplierAnswerIsAnnounced() {
        ReleaseApplied third = first.toBuilder().revision(3).inputDigest("three").build();
        String page = ReleaseDetailPage.render(new ReleaseDetail(WEB, ReleaseStatus.of(third),
                history(third, second, first), false, List.of(), 0, List.of()),
                "Suspended: nothing is applied to it until it is resumed.", true);

        assertThat(page).contains("<form method=\"post\" action=\"/releases/dev/apps/web/actions/reconcile\">"
                + "<button type=\"submit\">Reconcile now</button></form>",
                "<label for=\"suspend-reason\">Reason to suspend</label><input id=\"suspend-reason\" name=\"reason\"",
                "<select id=\"rollback-revision\" name=\"revision\"><option>1</option></select>",
                "<p class=\"said\" role=\"status\">Suspended: nothing is applied to it until it is resumed.</p>");
        assertThat(page).as("right after the part the page swaps as events come, outside it")
                .contains("</div><section class=\"panel\" id=\"actions\"");
        assertThat(page).doesNotContain("/actions/resume");
    }

    @Test
    void aSuspendedReleaseOffersResumeInsteadOfSuspend() {
        ReleaseApplied suspended = first.toBuilder().revision(2).outcome(Outcome.Suspended).build();
        String page = ReleaseDetailPage.render(new ReleaseDetail(WEB, ReleaseStatus.of(suspended),
                history(suspended, first), false, List.of(), 0, List.of()), null, true);

        assertThat(page).contains("action=\"/releases/dev/apps/web/actions/resume\"")
                .doesNotContain("/actions/suspend").doesNotContain("role=\"status\"");
    }

    @Test
    void aCallerWithoutTheOperatorRoleIsToldSoInsteadOfOfferedActions() {
        String page = ReleaseDetailPage.render(new ReleaseDetail(WEB, ReleaseStatus.of(first), history(first), false,
                List.of(), 0, List.of()), null, false);

        assertThat(page).contains("<h2 id=\"actions-heading\">Actions</h2>",
                "Reconciling, suspending, resuming and rolling back need the operator role.")
                .doesNotContain("/actions/reconcile").doesNotContain("/actions/suspend");
    }

    private static List<TimelineEvent> history(Event... newestFirst) {
        return Arrays.stream(newestFirst).map(payload -> TimelineEvent.of(Envelope.first("test", payload))).toList();
    }
}
