package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.flotilla.observer.drift.DriftRecords.DriftView;
import io.flotilla.observer.fleet.ClusterView;
import io.flotilla.observer.release.ReleaseStatus;

/**
 * The release x cluster matrix: a cell per release and cluster with its status (shape, word and colour), drift
 * marked beside it, its revision, and the reason of a failure under it; the whole reason, when it was last reconciled
 * and what that found, and the drifted fields when the pointer rests on the cell; a click opens the release's page.
 * A page holds {@value Dashboard#PAGE_ROWS} releases, so a fleet of thousands stays quick to send and to draw.
 */
final class ReleaseMatrix {

    /** Characters of a failure's reason written in its cell; the rest is in its title and on its page. */
    static final int REASON_SHOWN = 80;

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
        Map<String, String> driftedFields = dashboard.drifts().stream().collect(Collectors.toMap(
                drift -> drift.cluster() + "/" + drift.namespace() + "/" + drift.name(), ReleaseMatrix::fields,
                (first, second) -> first));

        html.append("<section id=\"matrix-part\" data-live>");
        navigation(html, dashboard);
        html.append("<div class=\"scroll\" tabindex=\"0\" aria-label=\"Release by cluster matrix\">"
                + "<table id=\"matrix\">"
                + "<thead><tr><th scope=\"col\">release</th>");
        clusters.forEach(cluster -> html.append("<th scope=\"col\">").append(Links.toCluster(cluster)).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (String row : dashboard.releases().rows()) {
            html.append("<tr><th scope=\"row\">").append(escape(row)).append("</th>");
            for (String cluster : clusters) {
                ReleaseStatus release = cells.get(cluster + "/" + row);
                if (release == null) {
                    html.append("<td></td>");
                    continue;
                }
                cell(html, release, dashboard.drifted().contains(release.releaseKey),
                        driftedFields.get(release.releaseKey));
            }
            html.append("</tr>");
        }
        html.append("</tbody></table></div>");
        if (dashboard.releases().rows().isEmpty()) {
            html.append("<p>No release matches.</p>");
        }
        html.append("</section>");
    }

    private static void cell(StringBuilder html, ReleaseStatus release, boolean drifted, String fields) {
        html.append("<td class=\"").append(release.status.name()).append(drifted ? " drifted" : "").append('"');
        String title = title(release, drifted, fields);
        if (!title.isEmpty()) {
            html.append(" title=\"").append(escape(title)).append('"');
        }
        html.append("><a href=\"").append(Links.release(release.cluster, release.namespace, release.name))
                .append("\">").append(StatusBadge.of(release.status.name()));
        if (drifted) {
            html.append(' ').append(StatusBadge.of(MatrixFilter.DRIFTED, "drifted"));
        }
        html.append(" r").append(release.revision);
        if (release.message != null) {
            html.append("<span class=\"cell-why\">").append(escape(abridged(release.message))).append("</span>");
        }
        html.append("</a></td>");
    }

    /**
     * The error of the release's revision, then when it was last reconciled, what asked for that and what it found, and
     * its drift: what a person looks for with the pointer on a cell, kept out of the cell so 50 clusters fit a screen.
     */
    private static String title(ReleaseStatus release, boolean drifted, String fields) {
        StringBuilder title = new StringBuilder(release.message == null ? "" : release.message);
        if (release.reconciledAt != null || release.reconcileTrigger != null || release.reconcileMessage != null) {
            title.append(title.isEmpty() ? "" : "\n").append("last reconcile");
            if (release.reconciledAt != null) {
                title.append(' ').append(release.reconciledAt.truncatedTo(ChronoUnit.SECONDS));
            }
            if (release.reconcileTrigger != null) {
                title.append(" (").append(release.reconcileTrigger).append(')');
            }
            if (release.reconcileMessage != null) {
                title.append(": ").append(release.reconcileMessage);
            }
        }
        if (drifted) {
            title.append(title.isEmpty() ? "" : "\n").append("drifted").append(fields == null ? "" : ": " + fields);
        }
        return title.toString();
    }

    private static String fields(DriftView drift) {
        return drift.objects().stream().map(object -> object.object().kind() + " " + object.object().name()
                + (object.deleted() ? " deleted" : " " + String.join(" ", object.fields())))
                .collect(Collectors.joining("; "));
    }

    private static String abridged(String reason) {
        String line = reason.lines().findFirst().orElse("");
        return line.length() <= REASON_SHOWN ? line : line.substring(0, REASON_SHOWN) + "…";
    }

    /**
     * The filter of the matrix's releases by name, namespace, tenant and status; outside the live part, so what is typed
     * stays while the page follows.
     */
    static void filter(StringBuilder html, Dashboard dashboard) {
        MatrixFilter filter = dashboard.filter();
        html.append("<h2 id=\"releases-heading\">Releases</h2><form class=\"filters\" aria-label=\"Filter releases\">"
                + "<label>Name contains<input name=\"release\" placeholder=\"namespace/name\" value=\"")
                .append(escape(filter.text() == null ? "" : filter.text())).append("\"></label>"
                        + "<label>Namespace<input name=\"namespace\" size=\"12\" value=\"")
                .append(escape(filter.namespace() == null ? "" : filter.namespace())).append("\"></label>"
                        + "<label>Tenant<input name=\"tenant\" size=\"12\" value=\"")
                .append(escape(filter.tenant() == null ? "" : filter.tenant())).append("\"></label>"
                        + "<label>Status<select name=\"status\"><option value=\"\">any</option>");
        for (String status : MatrixFilter.statuses()) {
            html.append("<option").append(status.equals(filter.status()) ? " selected" : "").append('>')
                    .append(status).append("</option>");
        }
        html.append("</select></label>");
        ClusterCards.hidden(html, "selector", dashboard.selector());
        ClusterCards.hidden(html, "group", Dashboard.DEFAULT_GROUP.equals(dashboard.group()) ? "" : dashboard.group());
        html.append("<button>Filter releases</button></form>");
    }

    /** Which releases the page shows, and links to the pages before and after. */
    private static void navigation(StringBuilder html, Dashboard dashboard) {
        long total = dashboard.releases().total();
        int first = (dashboard.page() - 1) * Dashboard.PAGE_ROWS;
        html.append("<p class=\"nav\" id=\"matrix-page\">releases ").append(total == 0 ? 0 : first + 1).append('-')
                .append(first + dashboard.releases().rows().size()).append(" of ").append(total);
        if (dashboard.page() > 1) {
            html.append(" <a rel=\"prev\" href=\"").append(link(dashboard.page() - 1, dashboard))
                    .append("\">previous</a>");
        }
        if (first + dashboard.releases().rows().size() < total) {
            html.append(" <a rel=\"next\" href=\"").append(link(dashboard.page() + 1, dashboard)).append("\">next</a>");
        }
        html.append("</p>");
    }

    private static String link(int page, Dashboard dashboard) {
        return escape("?page=" + page + dashboard.filter().query()
                + MatrixFilter.parameter("selector", dashboard.selector())
                + MatrixFilter.parameter("group", Dashboard.DEFAULT_GROUP.equals(dashboard.group()) ? ""
                        : dashboard.group()));
    }
}
