package io.flotilla.launcher.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.StackException;
import io.flotilla.launcher.status.ReleaseTable;

/**
 * {@code ./flotilla get previews}: every pull request and branch previewed, newest first, with its commit, state and
 * how many releases change, are refused, break tenant rules or do not render ({@code GET /api/previews});
 * {@code ./flotilla describe preview <id>}: one in full, per cluster ({@code GET /api/previews/{id}}); the id is the
 * one {@code get previews} lists, or the preview's own name ({@code <repository>#<number>},
 * {@code <repository>@<branch>}). As a table or, with {@code -o json|yaml}, as the API gives it.
 */
final class PreviewCommand {

    static final String PATH = "api/previews";
    private static final String[] HEADER = {"ID", "PREVIEW", "COMMIT", "STATE", "CHANGED", "REFUSED", "VIOLATING",
        "RENDER ERRORS", "ASKED"};
    private static final String[] RELEASE_HEADER = {"RELEASE", "CHANGE", "WHAT CHANGES"};

    private PreviewCommand() {
    }

    static String get(JsonHttp api, List<String> args, Instant now) {
        Output output = Output.of(Arguments.parse("get previews", args, Set.of(Output.OPTION)));
        List<JsonNode> previews = all(api);
        if (previews.isEmpty()) {
            return output.print(previews, "No pull request or branch has been previewed.\n");
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JsonNode preview : previews) {
            rows.add(new String[] {preview.path("id").asText(), preview.path("preview").asText(),
                HistoryCommand.shortSha(preview.path("sha").asText(null)), state(preview),
                preview.path("releasesChanged").asText(), preview.path("refused").asText(),
                preview.path("violating").asText(), preview.path("renderErrors").asText(),
                ReleaseTable.age(HistoryCommand.instant(preview.path("requestedAt")), now)});
        }
        return output.print(previews, TextTable.format(rows));
    }

    static String describe(JsonHttp api, List<String> args, Instant now) {
        Arguments arguments = Arguments.parse("describe preview", args, Set.of(Output.OPTION), Set.of(), 1);
        if (arguments.plain().isEmpty()) {
            throw new UsageException("'describe preview' takes the preview's id (./flotilla get previews lists them)");
        }
        Output output = Output.of(arguments);
        String asked = arguments.plain().get(0);
        String id = asked.matches("[0-9a-f]{16}") ? asked : all(api).stream()
                .filter(preview -> preview.path("preview").asText().equals(asked)).findFirst()
                .map(preview -> preview.path("id").asText())
                .orElseThrow(() -> unknown(asked));
        JsonNode detail;
        try {
            detail = api.get(PATH + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8), new TypeReference<>() {
            });
        } catch (StackException e) {
            if (e.getMessage().contains(" answered 404")) {
                throw unknown(asked);
            }
            throw e;
        }
        return output.print(detail, text(detail, now));
    }

    private static List<JsonNode> all(JsonHttp api) {
        return api.get(PATH, new TypeReference<List<JsonNode>>() {
        });
    }

    private static StackException unknown(String asked) {
        return new StackException("preview " + asked + " is unknown to Flotilla (./flotilla get previews lists them)");
    }

    /** {@code COMPLETE}, or {@code COMPLETE (fails)} when something stands in the way. */
    private static String state(JsonNode preview) {
        String state = preview.path("state").asText();
        boolean fails = !preview.path("passes").asBoolean() && (state.equals("COMPLETE")
                || preview.path("renderErrors").asInt() > 0) && !state.equals("CLOSED");
        return fails ? state + " (fails)" : state;
    }

    private static String text(JsonNode detail, Instant now) {
        JsonNode preview = detail.path("preview");
        StringBuilder text = new StringBuilder();
        field(text, "Preview", preview.path("preview").asText() + "  (" + preview.path("id").asText() + ")");
        field(text, "Commit", preview.path("sha").asText() + (preview.path("baseBranch").isTextual()
                ? "  (into " + preview.path("baseBranch").asText() + ")" : ""));
        if (preview.path("title").isTextual()) {
            field(text, "Title", preview.path("title").asText());
        }
        if (preview.path("author").isTextual()) {
            field(text, "Author", preview.path("author").asText());
        }
        field(text, "Asked", ReleaseTable.age(HistoryCommand.instant(preview.path("requestedAt")), now));
        field(text, "State", state(preview) + ": " + preview.path("summary").asText());
        field(text, "Unchanged", preview.path("unchanged").asText() + " releases");
        List<String> inTheWay = new ArrayList<>();
        List<String> renderErrors = new ArrayList<>();
        if (detail.path("error").isTextual()) {
            renderErrors.add("  " + detail.path("error").asText());
        }
        for (JsonNode cluster : detail.path("clusters")) {
            for (JsonNode release : cluster.path("releases")) {
                String name = cluster.path("cluster").asText() + "/" + release.path("namespace").asText() + "/"
                        + release.path("name").asText();
                for (JsonNode refusal : release.path("refusals")) {
                    inTheWay.add("  " + name + "  refused  " + refusal.path("object").asText() + ": "
                            + refusal.path("reason").asText());
                }
                for (JsonNode violation : release.path("violations")) {
                    inTheWay.add("  " + name + "  breaks tenant rules: " + violation.asText());
                }
                if (release.path("checkError").isTextual()) {
                    inTheWay.add("  " + name + "  not checked: " + release.path("checkError").asText());
                }
                if (release.path("renderError").isTextual()) {
                    renderErrors.add("  " + name + ": " + release.path("renderError").asText());
                }
            }
        }
        if (!inTheWay.isEmpty()) {
            text.append("\nRefused and breaking rules:\n").append(String.join("\n", inTheWay)).append('\n');
        }
        if (!renderErrors.isEmpty()) {
            text.append("\nRender errors:\n").append(String.join("\n", renderErrors)).append('\n');
        }
        for (JsonNode cluster : detail.path("clusters")) {
            text.append("\nCluster ").append(cluster.path("cluster").asText()).append(":\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(RELEASE_HEADER);
            for (JsonNode release : cluster.path("releases")) {
                rows.add(new String[] {release.path("namespace").asText() + "/" + release.path("name").asText(),
                    release.path("change").asText().toLowerCase(Locale.ROOT), changes(release)});
            }
            text.append(TextTable.format(rows).lines().map(line -> "  " + line + "\n").reduce("", String::concat));
        }
        return text.toString();
    }

    /** A release's objects that change, in a few words: {@code update ConfigMap apps/web (/data/x); create ...}. */
    private static String changes(JsonNode release) {
        if (release.path("renderError").isTextual()) {
            return "does not render";
        }
        if (!release.path("checked").asBoolean()) {
            return "not checked yet";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode object : release.path("objects")) {
            JsonNode ref = object.path("object");
            String where = ref.path("kind").asText() + " " + (ref.path("namespace").asText("").isEmpty() ? ""
                    : ref.path("namespace").asText() + "/") + ref.path("name").asText();
            List<String> fields = new ArrayList<>();
            object.path("fields").forEach(field -> fields.add(field.asText()));
            parts.add(object.path("change").asText().toLowerCase(Locale.ROOT) + " " + where
                    + (fields.isEmpty() ? "" : " (" + String.join(", ", fields) + ")"));
        }
        return parts.isEmpty() ? "no object changes" : TextTable.oneLine(String.join("; ", parts), 160);
    }

    private static void field(StringBuilder text, String name, String value) {
        text.append(String.format("%-12s%s%n", name + ":", value));
    }
}
