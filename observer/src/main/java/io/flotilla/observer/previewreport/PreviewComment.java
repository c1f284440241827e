package io.flotilla.observer.previewreport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.flotilla.events.PreviewChecked;
import io.flotilla.observer.preview.Preview;
import io.flotilla.observer.preview.PreviewState;
import io.flotilla.observer.preview.ReleasePreview;

/**
 * The Markdown comment a pull request gets: a summary line, what stands in the way first (refusals with the API
 * server's reasons, tenant rules broken, releases not checked), render errors in full, then a table per cluster of the
 * releases and what changes on each. Long lists are cut, with how many were left out and the dashboard's link; the
 * whole stays well below the hosts' limits (GitHub takes 65536 characters).
 */
public final class PreviewComment {

    /** Objects listed per release, fields per object, releases in the tables: the rest is counted. */
    static final int OBJECTS = 10;
    static final int FIELDS = 5;
    static final int RELEASES = 50;
    /** Characters of the comment at most, below every host's limit. */
    static final int LENGTH = 60_000;

    private PreviewComment() {
    }

    /** @param link the dashboard's page of the preview */
    public static String of(Preview preview, String link) {
        StringBuilder text = new StringBuilder();
        text.append("<!-- flotilla-preview ").append(preview.id()).append(" -->\n");
        text.append("### ").append(mark(preview)).append(" Flotilla preview of `").append(shortSha(preview.sha()))
                .append("`\n\n");
        text.append("**").append(cell(preview.summary())).append("**");
        if (preview.plan() != null && preview.error() == null) {
            text.append(", ").append(preview.unchanged()).append(" unchanged");
        }
        text.append(" · [open the preview](").append(link).append(")\n");
        inTheWay(text, preview);
        renderErrors(text, preview);
        clusters(text, preview, link);
        if (text.length() > LENGTH) {
            return text.substring(0, LENGTH - 200) + "\n\n… cut here: the whole preview is on [the dashboard](" + link
                    + ").\n";
        }
        return text.toString();
    }

    private static String mark(Preview preview) {
        if (preview.passes()) {
            return "✅";
        }
        return preview.state() == PreviewState.COMPLETE || preview.renderErrors() > 0 ? "❌" : "⏳";
    }

    private static void inTheWay(StringBuilder text, Preview preview) {
        List<String> lines = new ArrayList<>();
        for (ReleasePreview release : preview.planned()) {
            for (ReleasePreview.Refusal refusal : release.refusals()) {
                lines.add("- **refused** `" + release.release() + "`: " + cell(refusal.object()) + ": "
                        + cell(String.valueOf(refusal.reason())));
            }
            for (String violation : release.violations()) {
                lines.add("- **breaks its tenant's rules** `" + release.release() + "`: " + cell(violation));
            }
            if (release.checkError() != null) {
                lines.add("- **not checked** `" + release.release() + "`: " + cell(release.checkError()));
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        text.append("\n#### Refused and breaking rules\n\n");
        lines.stream().limit(RELEASES).forEach(line -> text.append(line).append('\n'));
        if (lines.size() > RELEASES) {
            text.append("- … and ").append(lines.size() - RELEASES).append(" more\n");
        }
    }

    private static void renderErrors(StringBuilder text, Preview preview) {
        List<String> errors = new ArrayList<>();
        if (preview.error() != null) {
            errors.add(preview.error());
        }
        for (ReleasePreview release : preview.planned()) {
            if (release.renderError() != null) {
                errors.add(release.release() + ": " + release.renderErrorInFile());
            }
        }
        if (errors.isEmpty()) {
            return;
        }
        text.append("\n#### Render errors\n");
        for (String error : errors) {
            String fence = "`".repeat(Math.max(3, longestRun(error) + 1));
            text.append('\n').append(fence).append("text\n").append(error.strip()).append('\n').append(fence)
                    .append('\n');
        }
    }

    private static void clusters(StringBuilder text, Preview preview, String link) {
        int written = 0;
        int total = preview.planned().size();
        for (Map.Entry<String, List<ReleasePreview>> cluster : preview.byCluster().entrySet()) {
            if (written >= RELEASES) {
                break;
            }
            text.append("\n#### Cluster `").append(cluster.getKey()).append("`\n\n")
                    .append("| release | change | what changes |\n|---|---|---|\n");
            for (ReleasePreview release : cluster.getValue()) {
                if (written++ >= RELEASES) {
                    break;
                }
                text.append("| `").append(release.namespace()).append('/').append(release.name()).append("` | ")
                        .append(release.change().name().toLowerCase(Locale.ROOT)).append(" | ")
                        .append(changes(release)).append(" |\n");
            }
        }
        if (total > RELEASES) {
            text.append("\n… and ").append(total - RELEASES).append(" more releases on [the dashboard](").append(link)
                    .append(").\n");
        }
    }

    /** One release's objects that change, refused first, in a table cell. */
    private static String changes(ReleasePreview release) {
        if (release.renderError() != null) {
            return "**does not render** (see above)";
        }
        if (!release.checked()) {
            return "not checked yet";
        }
        List<String> parts = new ArrayList<>();
        for (PreviewChecked.ObjectChange object : release.objects().stream().limit(OBJECTS).toList()) {
            String change = object.change() == PreviewChecked.Change.REFUSED ? "**refused**"
                    : object.change().name().toLowerCase(Locale.ROOT);
            String part = change + " " + cell(object.object().toString());
            if (!object.fields().isEmpty()) {
                List<String> fields = object.fields().stream().limit(FIELDS).map(field -> "`" + field + "`").toList();
                part += " (" + String.join(", ", fields)
                        + (object.fields().size() > FIELDS ? " +" + (object.fields().size() - FIELDS) + " more" : "")
                        + ")";
            }
            parts.add(part);
        }
        if (release.objects().size() > OBJECTS) {
            parts.add("… " + (release.objects().size() - OBJECTS) + " more objects");
        }
        if (!release.violations().isEmpty()) {
            parts.add("**breaks tenant rules**");
        }
        if (parts.isEmpty()) {
            return "no object changes";
        }
        return String.join("<br>", parts);
    }

    /** Text in a table cell or a line: one line, no cell break, no HTML. */
    static String cell(String text) {
        return text.replace("\r", "").replace("\n", " ").replace("|", "\\|").replace("<", "&lt;")
                .replace(">", "&gt;");
    }

    private static int longestRun(String text) {
        int longest = 0;
        int run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    static String shortSha(String sha) {
        return sha.substring(0, Math.min(10, sha.length()));
    }
}
