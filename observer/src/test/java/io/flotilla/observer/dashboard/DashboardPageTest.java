package io.flotilla.observer.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.flotilla.events.ClusterState;
import io.flotilla.events.DriftFound;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.Outcome;
import io.flotilla.events.PullSecretsSynced;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseReconciled;
import io.flotilla.observer.commit.CommitJourney;
import io.flotilla.observer.deadletter.DeadLetterView;
import io.flotilla.observer.drift.DriftRecords.DriftView;
import io.flotilla.observer.fleet.ClusterView;
import io.flotilla.observer.image.ImageChoice;
import io.flotilla.observer.image.ImageChoiceView;
import io.flotilla.observer.pullsecret.PullSecretsView;
import io.flotilla.observer.release.ReleaseStatus;
import io.flotilla.observer.release.Releases.ReleasePage;
import io.flotilla.observer.rollout.HeldRolloutView;
import io.flotilla.observer.trend.Trends;

class DashboardPageTest {

    static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    static final String AUTOMATIONS = "http://localhost:8085/api/automations";
    static final MatrixFilter EVERY_RELEASE = new MatrixFilter(null, null, null, null);

    @Test
    void matrixColoursEachReleaseByStatusAndMarksDrift() {
        List<ReleaseStatus> releases = List.of(release("dev", "web", Outcome.Ready), release("prod", "web", Outcome.Failed));
        List<DriftView> drifts = List.of(new DriftView("dev", "apps", "web", 1, "warn", AT, List.of(
                new DriftFound.DriftedObject(new ObjectRef("apps/v1", "Deployment", "apps", "web"),
                        List.of("/spec/template/spec/containers/0/image"), false, "kubectl-edit", AT))));
        String page = DashboardPage.render(dashboard(List.of(cluster("dev", true, 1, 0, 1), cluster("prod", false, 0, 1, 0)),
                new ReleasePage(List.of("apps/web"), releases, 1), drifts, null));

        assertThat(page).contains("<th scope=\"row\">apps/web</th><td class=\"Ready drifted\"",
                "data-shape=\"✓\">Ready</span> <span class=\"status s-drift\" data-shape=\"≠\">drifted</span> r1",
                "<td class=\"Failed\"", "data-shape=\"✕\">Failed</span> r1",
                "\ndrifted: Deployment web /spec/template/spec/containers/0/image\">",
                "/spec/template/spec/containers/0/image", "kubectl-edit", "card down",
                "<dt>nodes</dt><dd>1/2 ready</dd>",
                "data-shape=\"✓\">1 ready</span><span class=\"status s-drift\" data-shape=\"≠\">1 drifted</span></div>",
                "<div class=\"counts\" aria-label=\"releases\"><span class=\"status s-bad\" data-shape=\"✕\">1 failed</span>"
                        + "</div>",
                "releases 1-1 of 1", "<a href=\"/releases/prod/apps/web\"");
    }

    @Test
    void aReleaseDriftedBeyondTheListedOnesStillShowsOnItsCellAndCard() {
        String page = DashboardPage.render(new Dashboard(List.of(cluster("dev", true, 1, 0, 1)), "",
                new ReleasePage(List.of("apps/web"), List.of(release("dev", "web", Outcome.Ready)), 1), EVERY_RELEASE, 1,
                Set.of("dev/apps/web"), List.of(), List.of(), List.of(), null, null, List.of(), List.of(), AUTOMATIONS,
                Dashboard.DEFAULT_GROUP, List.of(), Map.of(), Trends.Overview.NONE));

        assertThat(page).contains("<td class=\"Ready drifted\"", "data-shape=\"≠\">1 drifted</span>",
                "1 drifted releases in all");
    }

    @Test
    void aClusterCardShowsItsLabelsWavesRegistrationBootstrapAndLastReconcile() {
        ClusterView joining = new ClusterView(new ClusterState("eu-3", true, "v1.31.0", 1, 1, 40, 40, AT),
                Map.of("env", "prod", "region", "eu"), "api", "https://eu-3.example.com", AT,
                "Reachable", AT.plusSeconds(125), new ClusterView.ReleaseCounts(37, 3, 0),
                new ClusterView.BootstrapProgress(37, 40, null), List.of("canary", "prod"), List.of(), null, null);
        ClusterView done = new ClusterView(new ClusterState("eu-1", true, "v1.31.0", 1, 1, 40, 40, AT), Map.of(),
                "kubeconfig", "https://eu-1.example.com", AT, "Reachable", null, new ClusterView.ReleaseCounts(40, 0, 0),
                new ClusterView.BootstrapProgress(40, 40, 95L), List.of(), List.of(), null, null);

        String page = DashboardPage.render(dashboard(List.of(done, joining), new ReleasePage(List.of(), List.of(), 0),
                List.of(), null));

        assertThat(page).contains("eu-3: 37 of 40 Ready</span>",
                "<a class=\"label\" href=\"/?selector=env%3Dprod\">env=prod</a>"
                        + "<a class=\"label\" href=\"/?selector=region%3Deu\">region=eu</a>",
                "<dt>waves</dt><dd>canary, prod</dd>", "registered 2026-03-01T10:00:00Z (api)",
                "last reconcile 2026-03-01T10:02:05Z", ">37 ready</span>", ">3 failed</span>",
                "eu-1: 40 of 40 Ready, all Ready 95 s after registration");
    }

    @Test
    void heldAndHaltedRolloutsShowWithTheClusterTheyWaitFor() {
        HeldRolloutView halted = new HeldRolloutView("prod-eu", "apps", "web", "common", 1, "prod", "halted", "stg-1",
                "web is Failed on stg-1", "c0ffee1", 7, AT);
        ClusterView prod = new ClusterView(new ClusterState("prod-eu", true, "v1.31.0", 1, 1, 1, 1, AT), Map.of(),
                "api", "https://prod-eu.example.com", AT, "Reachable", null, new ClusterView.ReleaseCounts(0, 0, 0),
                new ClusterView.BootstrapProgress(0, 1, null), List.of("prod"), List.of(halted), null, null);

        String page = DashboardPage.render(new Dashboard(List.of(prod), "", new ReleasePage(List.of(), List.of(), 0),
                EVERY_RELEASE, 1, Set.of(), List.of(), List.of(halted), List.of(), null, null, List.of(), List.of(), AUTOMATIONS,
                Dashboard.DEFAULT_GROUP, List.of(), Map.of(), Trends.Overview.NONE));

        assertThat(page).contains("<h2>Rollouts</h2>", "<td>prod-eu/apps/web</td><td class=\"Failed\">halted</td>"
                + "<td>common</td><td>prod</td><td>stg-1</td><td>web is Failed on stg-1</td>", "1 rollouts halted");
    }

    @Test
    void noHeldRolloutIsSaidSo() {
        String page = DashboardPage.render(dashboard(List.of(), new ReleasePage(List.of(), List.of(), 0), List.of(),
                null));

        assertThat(page).contains("No rollout is held at a wave.");
    }

    @Test
    void aPageOfTheMatrixLinksToThePagesAroundIt() {
        List<String> rows = IntStream.range(100, 200).mapToObj(i -> "apps/web-" + i).toList();

        String page = DashboardPage.render(new Dashboard(List.of(), "", new ReleasePage(rows, List.of(), 250),
                new MatrixFilter("web", null, null, null), 2, Set.of(), List.of(), List.of(), List.of(), null, null, List.of(), List.of(), AUTOMATIONS,
                Dashboard.DEFAULT_GROUP, List.of(), Map.of(), Trends.Overview.NONE));

        assertThat(page).contains("releases 101-200 of 250", "href=\"?page=1&amp;release=web\">previous",
                "href=\"?page=3&amp;release=web\">next", "<th scope=\"row\">apps/web-199</th>");
    }

    @Test
    void autoscaledWorkloadsShowTheirReplicasOverTime() {
        ClusterState state = new ClusterState("dev", true, "v1.31.0", 1, 1, 1, 1, AT, List.of(), List.of(),
                List.of(new ClusterState.Autoscaler("apps", "web", "Deployment", "web", 6, 6, List.of(
                        new ClusterState.Scaling(AT, 2), new ClusterState.Scaling(AT.plusSeconds(60), 6)))),
                List.of(), List.of(), List.of());

        String page = DashboardPage.render(dashboard(List.of(view(state, 0, 0, 0)),
                new ReleasePage(List.of(), List.of(), 0), List.of(), null));

        assertThat(page).contains("dev apps/web (6 now, max 6)",
                "<title id=\"replicas-dev-apps-web-title\">Desired replicas of apps/web on dev at each scaling</title>"
                        + "<desc id=\"replicas-dev-apps-web-desc\">desired replicas: 2 values, lowest 2, highest 6, "
                        + "latest 6.</desc>",
                "data-points=\"2\" points=\"4,63 316,16\"");
    }

    @Test
    void aCommitsJourneyShowsEachClusterAndReleaseWithItsTimings() {
        CommitJourney journey = new CommitJourney("c0ffee1", "/srv/fleet", AT, null, List.of(
                new CommitJourney.ClusterHops("dev", 1, 0, 900L, List.of(new CommitJourney.ReleaseHops("apps", "web",
                        AT.plusMillis(300), 300L, AT.plusMillis(900), 600L, "Ready", null, null))),
                new CommitJourney.ClusterHops("prod", 0, 1, 1200L, List.of(new CommitJourney.ReleaseHops("apps", "web",
                        AT.plusMillis(400), 400L, AT.plusMillis(1200), 800L, "Failed", "template error", null)))));

        String page = DashboardPage.render(dashboard(List.of(), new ReleasePage(List.of(), List.of(), 0),
                List.of(), journey));

        assertThat(page).contains("Journey of <code>c0ffee1</code>",
                "<tr><td>dev</td><td>1</td><td>0</td><td>900 ms</td></tr>",
                "<tr><td>prod/apps/web</td><td>400 ms</td><td>800 ms</td><td class=\"Failed\">Failed</td><td>template error</td>",
                "<a href=\"?commit=c0ffee1\"><code>c0ffee1</code></a> First line");
    }

    @Test
    void aLongDriftListEndsWithALinkToTheApi() {
        List<DriftView> drifts = IntStream.range(0, DriftList.ROWS + 5).mapToObj(i -> new DriftView("dev", "apps",
                "web-" + i, 1, "warn", AT, List.of(new DriftFound.DriftedObject(
                        new ObjectRef("v1", "ConfigMap", "apps", "web-" + i), List.of(), true, null, null)))).toList();

        String page = DashboardPage.render(dashboard(List.of(), new ReleasePage(List.of(), List.of(), 0),
                drifts, null));

        assertThat(page).contains((DriftList.ROWS + 5) + " drifted releases in all: <a href=\"/api/drift\">",
                "ConfigMap apps/web-0").doesNotContain("web-" + DriftList.ROWS + "<");
    }

    @Test
    void eachReleaseCellSaysWhenItWasLastReconciledWhatAskedAndWhatItFound() {
        ReleaseStatus web = release("dev", "web", Outcome.Ready);
        web.update(new ReleaseReconciled(new ReleaseKey("dev", "apps", "web"), 1, Outcome.Ready, "interval", AT.plusSeconds(300),
                "every object as revision 1 left it"));

        String page = DashboardPage.render(dashboard(List.of(cluster("dev", true, 1, 0, 0)),
                new ReleasePage(List.of("apps/web"), List.of(web), 1), List.of(), null));

        assertThat(page).contains("title=\"last reconcile 2026-03-01T10:05:00Z (interval): every object as revision 1 "
                + "left it\"", "Ready</span> r1</a>");
    }

    @Test
    void driftOfAReleaseThatNamesNoModeShowsTheFleetDefault() {
        List<DriftView> drifts = List.of(new DriftView("dev", "apps", "web", 1, null, AT, List.of(
                new DriftFound.DriftedObject(new ObjectRef("v1", "ConfigMap", "apps", "web"), List.of("/data/a"),
                        false, "kubectl-edit", AT))));

        String page = DashboardPage.render(dashboard(List.of(), new ReleasePage(List.of(), List.of(), 0),
                drifts, null));

        assertThat(page).contains("<td>fleet default</td>").doesNotContain(">null<");
    }

    @Test
    void deadLettersShowWhereTheyCameFromWhyAndAReplayButtonUntilReplayed() {
        List<DeadLetterView> letters = List.of(
                new DeadLetterView("0-7", null, "flotilla.rendered", 1, 12L, "dev/apps/web", "record is not JSON",
                        null, "{not json", AT, null),
                new DeadLetterView("0-6", "applier", "flotilla.rendered", 1, 11L, "dev/apps/api", "malformed",
                        null, "{}", AT, AT.plusSeconds(60)));

        String page = DashboardPage.render(new Dashboard(List.of(), "", new ReleasePage(List.of(), List.of(), 0),
                EVERY_RELEASE, 1, Set.of(), List.of(), List.of(), List.of(), null, null, letters, List.of(), AUTOMATIONS,
                Dashboard.DEFAULT_GROUP, List.of(), Map.of(), Trends.Overview.NONE));

        assertThat(page).contains("<h2>Dead letters</h2>",
                "<td>unknown</td><td>flotilla.rendered</td><td>dev/apps/web</td><td>record is not JSON</td>"
                        + "<td><button onclick=\"replay(this, '0-7')\">replay</button>",
                "<td>applier</td>", "replayed 2026-03-01T10:01:00Z");
    }

    @Test
    void noDeadLettersIsSaidSo() {
        String page = DashboardPage.render(dashboard(List.of(), new ReleasePage(List.of(), List.of(), 0),
                List.of(), null));

        assertThat(page).contains("No dead letters: every record was processed.");
    }

    @Test
    void aClusterCardShowsItsPullSecretsRotationAndErrorsAndTheHeadlineNamesIt() {
        String digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        PullSecretsView synced = new PullSecretsView(AT, null, List.of(
                new PullSecretsSynced.Coverage("dockerhub", "kube-system/hub-seed", digest, 41, 42,
                        List.of("team-a", "team-b", "team-c"), List.of("namespace policed: ServiceAccount default "
                                + "could not list dockerhub-registrycreds (403 Forbidden: admission webhook denied)"))),
                List.of());
        ClusterView eu = new ClusterView(new ClusterState("eu-1", true, "v1.31.0", 1, 1, 1, 1, AT), Map.of(), "api",
                "https://eu-1.example.com", AT, "Reachable", null, new ClusterView.ReleaseCounts(0, 0, 0),
                new ClusterView.BootstrapProgress(0, 0, null), List.of(), List.of(), synced, null);

        String page = DashboardPage.render(dashboard(List.of(eu), new ReleasePage(List.of(), List.of(), 0), List.of(),
                null));

        assertThat(page).contains("<a href=\"/clusters/eu-1\">eu-1</a> <span class=\"why\">pull secrets: 1 error</span>",
                "pull secrets: dockerhub 41/42 namespaces, rotating: 3 stale <code>sha256:0123456789ab</code>",
                "namespace policed: ServiceAccount default could not list dockerhub-registrycreds",
                "pull secrets synced 2026-03-01T10:00:00Z").doesNotContain(digest);
    }

    @Test
    void allWellWritesNoHeadline() {
        String page = DashboardPage.render(dashboard(List.of(cluster("dev", true, 1, 0, 0)),
                new ReleasePage(List.of(), List.of(), 0), List.of(), null));

        assertThat(page).contains("Nothing needs attention").doesNotContain("Needs attention (");
    }

    @Test
    void imageAutomationShowsTheTagChosenTheReleasesItsEditsTouchAndTheAutoReleaseCommit() {
        ImageChoiceView podinfo = new ImageChoiceView("myorg/podinfo", "semver:~0.4", "0.4.12", "sha256:feed", AT,
                AT, List.of(new ImageChoice.Touch("/srv/fleet", "main", "releases/dev/podinfo.yaml", "apps/podinfo")),
                new ImageChoiceView.AutoReleaseCommit("c0ffee1234567", "Auto-release myorg/podinfo:0.4.12",
                        AT.plusSeconds(5), 2, 0));
        ImageChoiceView waiting = new ImageChoiceView("myorg/api", "glob:dev-*", "dev-w7ujrvbf", "sha256:beef", AT,
                AT, List.of(new ImageChoice.Touch("/srv/fleet", "main", "releases/dev/api.yaml", "apps/api")), null);
        Dashboard shown = dashboard(List.of(), new ReleasePage(List.of(), List.of(), 0), List.of(), null);

        String page = DashboardPage.render(new Dashboard(shown.clusters(), "", shown.releases(), EVERY_RELEASE, 1, Set.of(),
                List.of(), List.of(), List.of(), null, null, List.of(), List.of(podinfo, waiting), AUTOMATIONS,
                Dashboard.DEFAULT_GROUP, List.of(), Map.of(), Trends.Overview.NONE));

        assertThat(page).contains("<h2>Image automation</h2>", "<a href=\"" + AUTOMATIONS + "\">",
                "<tr><td>myorg/podinfo</td><td>semver:~0.4</td><td><code>0.4.12</code></td>"
                        + "<td>2026-03-01T10:00:00Z</td><td>apps/podinfo (releases/dev/podinfo.yaml)</td>"
                        + "<td><a href=\"?commit=c0ffee1234567\"><code>c0ffee1234</code></a> "
                        + "Auto-release myorg/podinfo:0.4.12</td><td class=\"Ready\">2 ready, 0 failed</td></tr>",
                "<td>apps/api (releases/dev/api.yaml)</td><td>not detected yet</td>");
    }

    @Test
    void anAutoReleaseCommitsJourneyStartsAtItsImage() {
        CommitJourney journey = new CommitJourney("c0ffee1", "/srv/fleet", AT.plusSeconds(4),
                new CommitJourney.ImageCause("myorg/podinfo", "0.4.12", AT, 4000), List.of());

        String page = DashboardPage.render(dashboard(List.of(), new ReleasePage(List.of(), List.of(), 0),
                List.of(), journey));

        assertThat(page).contains("Auto-release of <code>myorg/podinfo:0.4.12</code>, chosen 2026-03-01T10:00:00Z, "
                + "committed 4000 ms later");
    }

    @Test
    void theHeadlineNamesFailedReleasesWithTheirReasonUnreachableClustersAndDriftNewestFirst() {
        ReleaseStatus older = failed("dev", "api", "template: api/templates/deploy.yaml:3: nil pointer", AT);
        ReleaseStatus newer = failed("dev", "web", "Deployment apps/web: image pull back-off", AT.plusSeconds(120));
        List<DriftView> drifts = List.of(new DriftView("dev", "apps", "cache", 1, "warn", AT.plusSeconds(60), List.of(
                new DriftFound.DriftedObject(new ObjectRef("v1", "ConfigMap", "apps", "cache"), List.of("/data/size"),
                        false, "kubectl-edit", AT))));
        ClusterView down = view(new ClusterState("prod", false, "v1.31.0", 0, 1, 0, 1, AT.plusSeconds(30)), 0, 0, 0);

        String page = DashboardPage.render(new Dashboard(List.of(cluster("dev", true, 0, 2, 1), down), "",
                new ReleasePage(List.of("apps/api", "apps/web"), List.of(older, newer), 2), EVERY_RELEASE, 1,
                Set.of("dev/apps/cache"), drifts, List.of(), List.of(), null, null, List.of(), List.of(), AUTOMATIONS,
                Dashboard.DEFAULT_GROUP, List.of(newer, older), Map.of(), Trends.Overview.NONE));

        assertThat(page).contains("Needs attention (4)", "<a href=\"/releases/dev/apps/web\">dev/apps/web</a> "
                + "<span class=\"why\">r1: Deployment apps/web: image pull back-off</span>",
                "<span class=\"why\">ConfigMap apps/cache: /data/size (by kubectl-edit)</span>",
                "<a href=\"/clusters/prod\">prod</a> <span class=\"why\">does not answer</span>",
                "<span class=\"cell-why\">template: api/templates/deploy.yaml:3: nil pointer</span>",
                "title=\"template: api/templates/deploy.yaml:3: nil pointer\nlast reconcile 2026-03-01T10:00:00Z\"");
        assertThat(page.indexOf("image pull back-off")).isLessThan(page.indexOf("/data/size"));
        assertThat(page.indexOf("/data/size")).isLessThan(page.indexOf("does not answer"));
        assertThat(page.indexOf("does not answer")).isLessThan(page.indexOf("nil pointer"));
    }

    @Test
    void clustersAreGroupedByTheLabelAskedFor() {
        ClusterView eu = new ClusterView(new ClusterState("eu-1", true, "v1.31.0", 1, 1, 1, 1, AT),
                Map.of("region", "eu"), "api", "https://eu-1.example.com", AT, "Reachable", null,
                new ClusterView.ReleaseCounts(0, 0, 0), new ClusterView.BootstrapProgress(0, 0, null), List.of(),
                List.of(), null, null);
        ClusterView us = cluster("us-1", true, 0, 0, 0);

        String page = DashboardPage.render(new Dashboard(List.of(eu, us), "", new ReleasePage(List.of(), List.of(), 0),
                EVERY_RELEASE, 1, Set.of(), List.of(), List.of(), List.of(), null, null, List.of(), List.of(),
                AUTOMATIONS, "region", List.of(), Map.of(), Trends.Overview.NONE));

        assertThat(page).contains("<h3>no region label <small>(1)</small></h3>", "<h3>region=eu <small>(1)</small></h3>",
                "name=\"group\" placeholder=\"env\" size=\"8\" value=\"region\"");
        assertThat(page.indexOf("data-cluster=\"us-1\"")).isLessThan(page.indexOf("data-cluster=\"eu-1\""));
    }

    @Test
    void theMatrixFilterIsKeptInTheLinksToOtherPagesAndInTheForm() {
        List<String> rows = IntStream.range(0, Dashboard.PAGE_ROWS).mapToObj(i -> "apps/web-" + i).toList();

        String page = DashboardPage.render(new Dashboard(List.of(), "env=prod", new ReleasePage(rows, List.of(), 150),
                new MatrixFilter("web", "apps", "team-a", "Failed"), 1, Set.of(), List.of(), List.of(), List.of(), null,
                null,
                List.of(), List.of(), AUTOMATIONS, Dashboard.DEFAULT_GROUP, List.of(), Map.of(),
                Trends.Overview.NONE));

        assertThat(page).contains("href=\"?page=2&amp;release=web&amp;namespace=apps&amp;tenant=team-a&amp;status=Failed"
                + "&amp;selector=env%3Dprod\">next", "<option selected>Failed</option>",
                "<input name=\"namespace\" size=\"12\" value=\"apps\">",
                "<input name=\"tenant\" size=\"12\" value=\"team-a\">",
                "<input type=\"hidden\" name=\"selector\" value=\"env=prod\">");
    }

    @Test
    void aStatusTheMatrixCannotFilterByIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> new MatrixFilter(null, null, null, "Broken"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("status must be one of Progressing, Ready, Failed, RolledBack, Suspended, Unreachable, "
                        + "Uninstalled, Drifted, was 'Broken'");
    }

    @Test
    void everyPageUsesTheStylesheetAndFollowsTheEventStream() {
        String page = DashboardPage.render(dashboard(List.of(), new ReleasePage(List.of(), List.of(), 0), List.of(),
                null));

        assertThat(page).contains("<link rel=\"stylesheet\" href=\"/dashboard.css\">",
                "<script src=\"/dashboard.js\"></script>", "<a class=\"skip\" href=\"#content\">",
                "<section id=\"clusters\" data-live>", "<section id=\"matrix-part\" data-live>");
    }

    @Test
    void theOverviewPlotsTheLatestCommitsHopsDriftPerDayAndEachClustersReleasesReady() {
        Trends.Overview trends = new Trends.Overview(
                Map.of("dev", List.of(new Trends.Ready(AT, 3, 4), new Trends.Ready(AT.plusSeconds(3600), 4, 4))),
                List.of(new Trends.Latency("aaaaaaaaaaaa", AT, 800L, 2400L),
                        new Trends.Latency("bbbbbbbbbbbb", AT.plusSeconds(60), 500L, null)),
                List.of(new Trends.Drift(LocalDate.parse("2026-02-28"), 0),
                        new Trends.Drift(LocalDate.parse("2026-03-01"), 3)));

        String page = DashboardPage.render(new Dashboard(List.of(cluster("dev", true, 4, 0, 0)), "",
                new ReleasePage(List.of(), List.of(), 0), EVERY_RELEASE, 1, Set.of(), List.of(), List.of(), List.of(),
                null, null, List.of(), List.of(), AUTOMATIONS, Dashboard.DEFAULT_GROUP, List.of(), Map.of(), trends));

        assertThat(page).contains("<title id=\"commit-hops-title\">Time from commit detected to rendered and to "
                        + "applied, slowest release of each of the last 2 commits</title><desc id=\"commit-hops-desc\">"
                        + "rendered: 2 values, lowest 500 ms, highest 800 ms, latest 500 ms. applied: 1 value, lowest "
                        + "2400 ms, highest 2400 ms, latest 2400 ms.</desc>",
                "<g class=\"line-1\"><polyline fill=\"none\" data-points=\"1\"",
                "<tr><td><code>bbbbbbbbbb</code> <time datetime=\"2026-03-01T10:01:00Z\">2026-03-01T10:01:00Z</time>"
                        + "</td><td>500 ms</td><td></td></tr>",
                "<title id=\"drift-per-day-title\">Drift found per day, last 2 days</title>",
                "<g class=\"bars\" data-bars=\"2\">", "<tr><td>2026-03-01</td><td>3</td></tr>",
                "<title id=\"ready-dev-title\">Releases Ready on dev, the last 48 hours</title>"
                        + "<desc id=\"ready-dev-desc\">"
                        + "Ready: 2 values, lowest 3, highest 4, latest 4. in all: 2 values, lowest 4, highest 4, "
                        + "latest 4.</desc>");
        assertThat(page).as("a card's plot says its values in its description, without a table")
                .doesNotContain("ready-dev-values");
        assertThat(page.indexOf("id=\"ready-dev\"")).as("the plot is in the cluster's card")
                .isGreaterThan(page.indexOf("data-cluster=\"dev\""));
        assertThat(page.indexOf("id=\"commit-hops\"")).as("the plots are in a part that follows the event stream")
                .isGreaterThan(page.indexOf("<div id=\"live\" data-live>"))
                .isLessThan(page.indexOf("id=\"commits-heading\""));
    }

    @Test
    void namesAreEscaped() {
        assertThat(Html.escape("<b a=\"1\">&'")).isEqualTo("&lt;b a=&quot;1&quot;&gt;&amp;&#39;");
    }

    private static Dashboard dashboard(List<ClusterView> clusters, ReleasePage releases, List<DriftView> drifts,
            CommitJourney journey) {
        Set<String> drifted = drifts.stream().map(drift -> drift.cluster() + "/" + drift.namespace() + "/" + drift.name())
                .collect(Collectors.toSet());
        return new Dashboard(clusters, "", releases, EVERY_RELEASE, 1, drifted, drifts, List.of(),
                List.of(new Dashboard.CommitLine("c0ffee1", "First line\nmore", "dev", AT)),
                journey == null ? null : journey.sha(), journey, List.of(), List.of(), AUTOMATIONS, Dashboard.DEFAULT_GROUP, List.of(),
                Map.of(), Trends.Overview.NONE);
    }

    private static ClusterView cluster(String name, boolean reachable, long ready, long failed, long drifted) {
        return view(new ClusterState(name, reachable, "v1.31.0", 1, 2, 3, 4, AT), ready, failed, drifted);
    }

    private static ClusterView view(ClusterState state, long ready, long failed, long drifted) {
        return new ClusterView(state, Map.of("env", "dev"), "kubeconfig", "http://127.0.0.1:6443", AT,
                state.reachable() ? "Reachable" : "Unreachable", null,
                new ClusterView.ReleaseCounts(ready, failed, drifted), new ClusterView.BootstrapProgress(ready,
                        ready + failed, null), List.of(), List.of(), null, null);
    }

    private static ReleaseStatus failed(String cluster, String name, String error, Instant at) {
        return ReleaseStatus.of(new ReleaseApplied(new ReleaseKey(cluster, "apps", name), 1, Outcome.Failed, "c0ffee1",
                "releases/app.yaml", "hello", "1.0.0", "digest", List.of(), 10, at, error));
    }

    private static ReleaseStatus release(String cluster, String name, Outcome outcome) {
        return ReleaseStatus.of(new ReleaseApplied(new ReleaseKey(cluster, "apps", name), 1, outcome, "c0ffee1",
                "releases/app.yaml", "hello", "1.0.0", "digest", List.of(), 10, AT, null));
    }
}
