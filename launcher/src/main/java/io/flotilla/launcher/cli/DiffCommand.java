package io.flotilla.launcher.cli;

import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.launcher.stack.StackException;

/**
 * {@code ./flotilla diff <cluster>/<namespace>/<name>}: what the next reconcile would change on the release's cluster
 * ({@code GET /api/releases/{cluster}/{namespace}/{name}/diff} of the applier, a server-side dry run of the newest
 * rendering against what runs), object by object: {@code +} created, {@code ~} changed with each field's value before
 * and after, {@code -} pruned, {@code !} refused by the API server. A Secret's values are never shown. Exits 0 when
 * nothing would change and {@value #CHANGES} when something would, so a script can tell; 1 on an error, as every
 * command.
 */
public final class DiffCommand {

    /** The exit code when the next reconcile would change something. */
    public static final int CHANGES = 3;

    private DiffCommand() {
    }

    /** What to print, and whether anything would change. */
    public record Result(String text, boolean changes) {

        public int exitCode() {
            return changes ? CHANGES : 0;
        }
    }

    public static Result run(List<String> args, Endpoint applier) {
        ReleaseName.Asked asked = ReleaseName.asked("diff", args);
        JsonNode diff;
        try {
            diff = new JsonHttp("applier", applier).get("api/releases/" + asked.release().path() + "/diff",
                    new TypeReference<JsonNode>() {
                    });
        } catch (StackException e) {
            if (e.getMessage().contains(" answered 404")) {
                throw new StackException("release " + asked.release() + " is unknown to the applier (./flotilla get"
                        + " releases lists the releases)", e);
            }
            throw e;
        }
        boolean changes = false;
        for (JsonNode object : diff.path("objects")) {
            changes |= !"UNCHANGED".equals(object.path("change").asText());
        }
        return new Result(asked.output().print(diff, text(diff)), changes);
    }

    static String text(JsonNode diff) {
        StringBuilder text = new StringBuilder();
        int changed = 0;
        for (JsonNode object : diff.path("objects")) {
            String change = object.path("change").asText();
            if (!"UNCHANGED".equals(change)) {
                changed++;
            }
            text.append(mark(change)).append(' ').append(name(object.path("object")));
            switch (change) {
                case "CREATE" -> text.append(" (created)");
                case "DELETE" -> text.append(" (pruned)");
                case "REFUSED" -> text.append(" (refused: ").append(object.path("reason").asText()).append(')');
                default -> {
                }
            }
            text.append('\n');
            for (JsonNode field : object.path("fields")) {
                text.append("    ").append(field.path("path").asText()).append(": ").append(value(field.path("before")))
                        .append(" -> ").append(value(field.path("after"))).append('\n');
            }
        }
        String head = diff.path("release").asText() + " at " + HistoryCommand.shortSha(diff.path("sourceSha")
                .asText(null)) + ": " + (changed == 0 ? "nothing would change"
                        : changed + " of " + diff.path("objects").size() + " objects would change") + "\n";
        return head + text;
    }

    private static String mark(String change) {
        return switch (change) {
            case "CREATE" -> "+";
            case "UPDATE" -> "~";
            case "DELETE" -> "-";
            case "REFUSED" -> "!";
            default -> " ";
        };
    }

    private static String name(JsonNode object) {
        String namespace = object.path("namespace").asText(null);
        return object.path("apiVersion").asText() + " " + object.path("kind").asText() + " "
                + (namespace == null || namespace.isEmpty() ? "" : namespace + "/") + object.path("name").asText();
    }

    private static String value(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "(none)" : value.isTextual() ? value.asText() : value.toString();
    }
}
