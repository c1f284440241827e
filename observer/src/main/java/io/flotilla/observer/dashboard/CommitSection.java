package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.flotilla.observer.commit.CommitJourney;

/**
 * The latest commits, each a link to its journey, and the journey of the commit asked for: per cluster how many
 * releases became ready or failed and how long the slowest took, then per release the time of each hop.
 */
final class CommitSection {

    static final int RELEASE_ROWS = 300;

    private CommitSection() {
    }

    static void write(StringBuilder html, Dashboard dashboard) {
        html.append("<h2 id=\"commits-heading\">Commits</h2><form class=\"filters\" aria-label=\"Commit journey\">"
                + "<label>Commit journey<input name=\"commit\" placeholder=\"sha\"></label>"
                + "<button>Show journey</button></form><div id=\"commits\" data-live><ul>");
        for (Dashboard.CommitLine commit : dashboard.commits()) {
            html.append("<li><a href=\"?commit=").append(URLEncoder.encode(commit.sha(), StandardCharsets.UTF_8))
                    .append("\"><code>").append(escape(commit.sha().substring(0, Math.min(10, commit.sha().length()))))
                    .append("</code></a> ").append(escape(commit.message() == null ? "" : commit.message().lines()
                            .findFirst().orElse(""))).append(" <small>").append(escape(commit.author() == null ? ""
                                    : commit.author())).append(' ').append(commit.detectedAt()).append("</small></li>");
        }
        html.append("</ul>");
        if (dashboard.journey() != null) {
            journey(html, dashboard.journey());
        } else if (dashboard.commit() != null && !dashboard.commit().isBlank()) {
            html.append("<p id=\"journey\">No commit <code>").append(escape(dashboard.commit()))
                    .append("</code> has been detected.</p>");
        }
        html.append("</div>");
    }

    private static void journey(StringBuilder html, CommitJourney journey) {
        html.append("<h3 id=\"journey\">Journey of <code>").append(escape(journey.sha())).append("</code>, detected ")
                .append(journey.detectedAt()).append("</h3>");
        if (journey.image() != null) {
            html.append("<p id=\"journey-image\">Auto-release of <code>").append(escape(journey.image().repository()))
                    .append(':').append(escape(journey.image().tag())).append("</code>, chosen ")
                    .append(journey.image().foundAt()).append(", committed ").append(journey.image().commitAfterMs())
                    .append(" ms later</p>");
        }
        html.append("<table id=\"journey-clusters\"><tr><th>cluster</th>"
                + "<th>ready</th><th>failed</th><th>commit to applied</th></tr>");
        journey.clusters().forEach(cluster -> html.append("<tr><td>").append(escape(cluster.cluster()))
                .append("</td><td>").append(cluster.ready()).append("</td><td>").append(cluster.failed())
                .append("</td><td>").append(millis(cluster.commitToAppliedMs())).append("</td></tr>"));
        html.append("</table><table id=\"journey-releases\"><tr><th>release</th><th>rendered after</th>"
                + "<th>applied after rendering</th><th>outcome</th><th>error</th></tr>");
        int rows = 0;
        for (CommitJourney.ClusterHops cluster : journey.clusters()) {
            for (CommitJourney.ReleaseHops release : cluster.releases()) {
                if (rows++ >= RELEASE_ROWS) {
                    continue;
                }
                html.append("<tr><td>").append(escape(cluster.cluster() + "/" + release.namespace() + "/"
                        + release.name())).append("</td><td>").append(millis(release.renderMs())).append("</td><td>")
                        .append(millis(release.applyMs())).append("</td><td class=\"")
                        .append(release.outcome() == null ? "" : escape(release.outcome())).append("\">")
                        .append(release.outcome() == null ? "" : escape(release.outcome())).append("</td><td>")
                        .append(release.error() == null ? "" : escape(release.error())).append("</td></tr>");
            }
        }
        html.append("</table>");
        if (rows > RELEASE_ROWS) {
            html.append("<p>").append(rows - RELEASE_ROWS).append(" more releases: <a href=\"/api/commits/")
                    .append(URLEncoder.encode(journey.sha(), StandardCharsets.UTF_8)).append("\">/api/commits/")
                    .append(escape(journey.sha())).append("</a></p>");
        }
    }

    private static String millis(Long value) {
        return value == null ? "" : value + " ms";
    }
}
