package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;
import static io.flotilla.observer.dashboard.Html.shortSha;
import static io.flotilla.observer.dashboard.Html.time;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.flotilla.events.PreviewChecked;
import io.flotilla.observer.preview.Preview;
import io.flotilla.observer.preview.PreviewState;
import io.flotilla.observer.preview.ReleasePreview;

/**
 * The dashboard's previews: the list of pull requests and branches previewed ({@code /previews}, newest first, with
 * their state and counts), and one preview's page ({@code /previews/{id}}): what stands in the way first (refusals
 * with the API server's reasons, tenant rules broken, releases not checked), render errors in full, then per cluster
 * each release that changes with its objects and the fields that change.
 */
public final class PreviewPages {

    private PreviewPages() {
    }

    public static String list(List<Preview> previews) {
        StringBuilder html = PageFrame.open("Previews");
        html.append("<p class=\"crumbs\"><a href=\"/\">Fleet</a> / previews</p><h1>Previews</h1>"
                + "<div id=\"previews\" data-live>");
        if (previews.isEmpty()) {
            html.append("<p>No pull request or branch has been previewed.</p></div>");
            return PageFrame.close(html);
        }
        html.append("<table><thead><tr><th>preview</th><th>title</th><th>commit</th><th>state</th>"
                + "<th>releases changed</th><th>refused</th><th>breaking tenant rules</th><th>not rendering</th>"
                + "<th>asked</th></tr></thead><tbody>");
        for (Preview preview : previews) {
            html.append("<tr><td><a href=\"/previews/").append(escape(preview.id())).append("\">")
                    .append(escape(preview.key().id())).append("</a></td><td>")
                    .append(escape(preview.title() == null ? "" : preview.title())).append("</td><td><code>")
                    .append(shortSha(preview.sha())).append("</code></td><td>").append(badge(preview))
                    .append("</td><td>").append(preview.releasesChanged()).append("</td><td>")
                    .append(preview.refused()).append("</td><td>").append(preview.violating()).append("</td><td>")
                    .append(preview.renderErrors()).append("</td><td>").append(time(preview.requestedAt()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table></div>");
        return PageFrame.close(html);
    }

    public static String page(Preview preview) {
        StringBuilder html = PageFrame.open("Preview of " + preview.key().id());
        html.append("<p class=\"crumbs\"><a href=\"/\">Fleet</a> / <a href=\"/previews\">previews</a></p><h1>Preview of ")
                .append(escape(preview.key().id())).append("</h1><div id=\"preview\" data-live><p class=\"counts\">")
                .append(badge(preview)).append(' ').append(escape(preview.summary())).append("</p>");
        new Facts(html).add("repository", escape(preview.key().repository()))
                .add(preview.key().isPullRequest() ? "pull request" : "branch", preview.key().isPullRequest()
                        ? "#" + preview.key().pullRequest() + " (" + escape(preview.key().branch()) + ")"
                        : escape(preview.key().branch()))
                .add("commit", "<code>" + escape(preview.sha()) + "</code>")
                .add("into", escape(preview.baseBranch() == null ? "" : preview.baseBranch()))
                .add("title", escape(preview.title() == null ? "" : preview.title()))
                .add("author", escape(preview.author() == null ? "" : preview.author()))
                .add("asked", time(preview.requestedAt()))
                .add("unchanged releases", String.valueOf(preview.unchanged()))
                .end();
        inTheWay(html, preview);
        renderErrors(html, preview);
        for (Map.Entry<String, List<ReleasePreview>> cluster : preview.byCluster().entrySet()) {
            cluster(html, cluster.getKey(), cluster.getValue());
        }
        html.append("</div>");
        return PageFrame.close(html);
    }

    private static String badge(Preview preview) {
        PreviewState state = preview.state();
        if (preview.passes()) {
            return StatusBadge.of("Ready", "Complete");
        }
        if (state == PreviewState.COMPLETE || state != PreviewState.CLOSED && preview.renderErrors() > 0) {
            return StatusBadge.of("Failed", "Failing");
        }
        if (state == PreviewState.CLOSED) {
            return StatusBadge.of("Suspended", "Closed");
        }
        return StatusBadge.of("Progressing", state == PreviewState.REQUESTED ? "Requested" : "Rendered");
    }

    private static void inTheWay(StringBuilder html, Preview preview) {
        List<ReleasePreview> inTheWay = preview.planned().stream().filter(release -> release.checkError() != null
                || !release.refusals().isEmpty() || !release.violations().isEmpty()).toList();
        if (inTheWay.isEmpty()) {
            return;
        }
        html.append("<h2>Refused and breaking rules</h2><table id=\"in-the-way\"><thead><tr><th>release</th>"
                + "<th>what</th><th>reason</th></tr></thead><tbody>");
        for (ReleasePreview release : inTheWay) {
            for (ReleasePreview.Refusal refusal : release.refusals()) {
                row(html, release, StatusBadge.of("Failed", "refused") + " " + escape(refusal.object()),
                        refusal.reason());
            }
            for (String violation : release.violations()) {
                row(html, release, StatusBadge.of("Failed", "breaks tenant rules"), violation);
            }
            if (release.checkError() != null) {
                row(html, release, StatusBadge.of("Unknown", "not checked"), release.checkError());
            }
        }
        html.append("</tbody></table>");
    }

    private static void row(StringBuilder html, ReleasePreview release, String what, String reason) {
        html.append("<tr><td>").append(escape(release.release())).append("</td><td>").append(what)
                .append("</td><td class=\"reason\">").append(escape(reason == null ? "" : reason))
                .append("</td></tr>");
    }

    private static void renderErrors(StringBuilder html, Preview preview) {
        List<ReleasePreview> failing = preview.planned().stream().filter(release -> release.renderError() != null)
                .toList();
        if (preview.error() == null && failing.isEmpty()) {
            return;
        }
        html.append("<h2>Render errors</h2><div id=\"render-errors\" class=\"panel\">");
        if (preview.error() != null) {
            html.append("<p>The commit does not render:</p><pre class=\"reason\">").append(escape(preview.error()))
                    .append("</pre>");
        }
        for (ReleasePreview release : failing) {
            html.append("<p>").append(escape(release.release())).append(":</p><pre class=\"reason\">")
                    .append(escape(release.renderErrorInFile())).append("</pre>");
        }
        html.append("</div>");
    }

    private static void cluster(StringBuilder html, String cluster, List<ReleasePreview> releases) {
        html.append("<h2>Cluster ").append(escape(cluster)).append("</h2><table><thead><tr><th>release</th>"
                + "<th>change</th><th>objects</th></tr></thead><tbody>");
        for (ReleasePreview release : releases) {
            html.append("<tr><td>").append(escape(release.namespace() + "/" + release.name())).append("</td><td>")
                    .append(release.change().name().toLowerCase(Locale.ROOT)).append("</td><td>");
            if (release.renderError() != null) {
                html.append(StatusBadge.of("Failed", "does not render"));
            } else if (!release.checked()) {
                html.append(StatusBadge.of("Progressing", "not checked yet"));
            } else if (release.objects().isEmpty()) {
                html.append("no object changes");
            } else {
                html.append("<ul>");
                for (PreviewChecked.ObjectChange object : release.objects()) {
                    html.append("<li>").append(object.change() == PreviewChecked.Change.REFUSED
                            ? StatusBadge.of("Failed", "refused")
                            : escape(object.change().name().toLowerCase(Locale.ROOT))).append(' ')
                            .append(escape(object.object().toString()));
                    if (!object.fields().isEmpty()) {
                        html.append(": <span class=\"mono\">").append(escape(String.join(", ", object.fields())))
                                .append("</span>");
                    }
                    if (object.reason() != null) {
                        html.append(" <span class=\"reason\">").append(escape(object.reason())).append("</span>");
                    }
                    html.append("</li>");
                }
                html.append("</ul>");
            }
            if (release.unchangedObjects() > 0) {
                html.append("<p>").append(release.unchangedObjects()).append(" objects unchanged</p>");
            }
            html.append("</td></tr>");
        }
        html.append("</tbody></table>");
    }
}
