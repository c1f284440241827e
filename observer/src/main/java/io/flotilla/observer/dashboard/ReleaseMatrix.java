package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.flotilla.observer.fleet.ClusterView;
import io.flotilla.observer.release.ReleaseStatus;

/**
 * The release x cluster matrix, a cell per release and cluster coloured by status, marked when drifted, with when it
 * was last reconciled (what asked for it and what it found when the pointer rests on the cell). A page
 * holds {@value Dashboard#PAGE_ROWS} releases, so a fleet of thousands stays quick to send and to draw.
 */
final class ReleaseMatrix {

    private ReleaseMatrix() {
    }

    static void write(StringBuilder html, Dashboard dashboard) {
        Set<String> clusters = new TreeSet<>();
        dashboard.clusters().stream().map(ClusterView::name).forEach(clusters::add);
        if (dashboard.selector().isEmpty()) {
            dashboard.releases().releases().forEach(release -> clusters.add(release.cluster));
        }
        Map<String, ReleaseStatus> cells = new HashMap<>();
        dashboard.releases().releases().forEach(release -> cells.put(release.releaseKey, release));

        navigation(html, dashboard);
        html.append("<table id=\"matrix\"><tr><th>release</th>");
        clusters.forEach(cluster -> html.append("<th>").append(escape(cluster)).append("</th>"));
        html.append("</tr>");
        for (String row : dashboard.releases().rows()) {
            html.append("<tr><th>").append(escape(row)).append("</th>");
            for (String cluster : clusters) {
                ReleaseStatus release = cells.get(cluster + "/" + row);
                if (release == null) {
                    html.append("<td></td>");
                    continue;
                }
                boolean isDrifted = dashboard.drifted().contains(release.releaseKey);
                html.append("<td class=\"").append(release.status.name()).append(isDrifted ? " drifted" : "")
                        .append('"');
                String title = title(release);
                if (!title.isEmpty()) {
                    html.append(" title=\"").append(escape(title)).append('"');
                }
                html.append('>').append(release.status.name()).append(isDrifted ? " (drifted)" : "").append(" r")
                        .append(release.revision);
                if (release.reconciledAt != null) {
                    html.append("<br><small>reconciled ").append(release.reconciledAt.truncatedTo(ChronoUnit.SECONDS))
                            .append("</small>");
                }
                html.append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");
    }

    /** The error of the release's revision, then what asked for its last reconcile and what that found. */
    private static String title(ReleaseStatus release) {
        StringBuilder title = new StringBuilder(release.message == null ? "" : release.message);
        if (release.reconcileTrigger != null || release.reconcileMessage != null) {
            title.append(title.isEmpty() ? "" : "\n").append("last reconcile");
            if (release.reconcileTrigger != null) {
                title.append(" (").append(release.reconcileTrigger).append(')');
            }
            if (release.reconcileMessage != null) {
                title.append(": ").append(release.reconcileMessage);
            }
        }
        return title.toString();
    }

    /** The filter of the matrix's releases; outside the live part, so what is typed stays while the page follows. */
    static void filter(StringBuilder html, Dashboard dashboard) {
        html.append("<h2>Releases</h2><form class=\"nav\"><input name=\"release\" "
                + "placeholder=\"namespace/name contains\" value=\"")
                .append(escape(dashboard.filter() == null ? "" : dashboard.filter())).append("\">");
        if (!dashboard.selector().isEmpty()) {
            html.append("<input type=\"hidden\" name=\"selector\" value=\"").append(escape(dashboard.selector()))
                    .append("\">");
        }
        html.append(" <button>Filter</button></form>");
    }

    /** Which releases the page shows, and links to the pages before and after. */
    private static void navigation(StringBuilder html, Dashboard dashboard) {
        long total = dashboard.releases().total();
        int first = (dashboard.page() - 1) * Dashboard.PAGE_ROWS;
        String filter = dashboard.filter() == null ? "" : dashboard.filter();
        html.append("<p class=\"nav\" id=\"matrix-page\">releases ").append(total == 0 ? 0 : first + 1).append('-')
                .append(first + dashboard.releases().rows().size()).append(" of ").append(total);
        if (dashboard.page() > 1) {
            html.append(" <a rel=\"prev\" href=\"").append(link(dashboard.page() - 1, filter, dashboard.selector()))
                    .append("\">previous</a>");
        }
        if (first + dashboard.releases().rows().size() < total) {
            html.append(" <a rel=\"next\" href=\"").append(link(dashboard.page() + 1, filter, dashboard.selector()))
                    .append("\">next</a>");
        }
        html.append("</p>");
    }

    private static String link(int page, String filter, String selector) {
        return "?page=" + page
                + (filter.isEmpty() ? "" : "&amp;release=" + URLEncoder.encode(filter, StandardCharsets.UTF_8))
                + (selector.isEmpty() ? "" : "&amp;selector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
    }
}
