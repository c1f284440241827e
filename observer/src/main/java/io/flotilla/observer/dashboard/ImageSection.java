package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import io.flotilla.observer.image.ImageChoice;
import io.flotilla.observer.image.ImageChoiceView;

/**
 * Image automation: each image and policy with the tag it chose and when, the releases and files its edits touch, and
 * its {@code Auto-release} commit, a link to that commit's journey, with how many releases run it. The last scans
 * and errors are the image-updater's to show: a link leads there.
 */
final class ImageSection {

    static final int ROWS = 100;

    private ImageSection() {
    }

    static void write(StringBuilder html, Dashboard dashboard) {
        html.append("<h2>Image automation</h2><p class=\"nav\">Last scans, newest eligible tags and errors: <a href=\"")
                .append(escape(dashboard.automations())).append("\">").append(escape(dashboard.automations()))
                .append("</a></p>");
        if (dashboard.images().isEmpty()) {
            html.append("<p id=\"images\">No image tag has been chosen.</p>");
            return;
        }
        html.append("<table id=\"images\"><tr><th>image</th><th>policy</th><th>tag</th><th>chosen</th>"
                + "<th>releases (files)</th><th>Auto-release commit</th><th>running it</th></tr>");
        for (ImageChoiceView image : dashboard.images().stream().limit(ROWS).toList()) {
            html.append("<tr><td>").append(escape(image.repository())).append("</td><td>")
                    .append(escape(image.policy())).append("</td><td><code>").append(escape(image.tag()))
                    .append("</code></td><td>").append(image.chosenAt()).append("</td><td>")
                    .append(image.touches().isEmpty() ? "every file has it already" : escape(image.touches().stream()
                            .map(ImageSection::touch).distinct().collect(Collectors.joining(", "))))
                    .append("</td>");
            ImageChoiceView.AutoReleaseCommit commit = image.commit();
            if (commit == null) {
                html.append("<td>").append(image.touches().isEmpty() ? "" : "not detected yet")
                        .append("</td><td></td>");
            } else {
                String sha = commit.sha();
                html.append("<td><a href=\"?commit=").append(URLEncoder.encode(sha, StandardCharsets.UTF_8))
                        .append("\"><code>").append(escape(sha.substring(0, Math.min(10, sha.length()))))
                        .append("</code></a> ").append(escape(commit.message() == null ? "" : commit.message().lines()
                                .findFirst().orElse(""))).append("</td><td class=\"")
                        .append(commit.failed() > 0 ? "Failed" : commit.ready() > 0 ? "Ready" : "Progressing")
                        .append("\">").append(commit.ready()).append(" ready, ").append(commit.failed())
                        .append(" failed</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");
        if (dashboard.images().size() > ROWS) {
            html.append("<p>").append(dashboard.images().size() - ROWS)
                    .append(" more: <a href=\"/api/images\">/api/images</a></p>");
        }
    }

    private static String touch(ImageChoice.Touch touch) {
        return (touch.release() == null ? "" : touch.release() + " ") + "(" + touch.file() + ")";
    }
}
