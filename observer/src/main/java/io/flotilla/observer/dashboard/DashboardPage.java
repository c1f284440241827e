package io.flotilla.observer.dashboard;

/**
 * The fleet overview as one HTML page: what needs attention now, the clusters (chosen by labels, grouped by one),
 * the release x cluster matrix, the drift list, the held and halted rollouts, image automation, the replicas of
 * autoscaled workloads, the fleet over time (commit to applied, drift per day), the dead letters and the commits with
 * a journey.
 * Server-rendered HTML with one stylesheet and inline SVG, no front-end build; {@code /dashboard.js} follows the
 * observer's event stream and swaps in the fresh parts, without a reload.
 */
public final class DashboardPage {

    private DashboardPage() {
    }

    public static String render(Dashboard dashboard) {
        StringBuilder html = PageFrame.open("Fleet");
        html.append("<h1 id=\"clusters-heading\">Fleet</h1>");
        ClusterCards.filter(html, dashboard);
        AttentionList.write(html, dashboard);
        ClusterCards.write(html, dashboard);
        ReleaseMatrix.filter(html, dashboard);
        ReleaseMatrix.write(html, dashboard);
        html.append("<div id=\"live\" data-live>");
        DriftList.write(html, dashboard);
        RolloutList.write(html, dashboard);
        ImageSection.write(html, dashboard);
        ReplicaCharts.write(html, dashboard);
        TrendPlots.write(html, dashboard);
        DeadLetterList.write(html, dashboard);
        html.append("</div>");
        CommitSection.write(html, dashboard);
        return PageFrame.close(html);
    }
}
