package io.flotilla.launcher.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.StackException;
import io.flotilla.launcher.status.ReleaseTable;

/**
 * {@code ./flotilla describe release <cluster>/<namespace>/<name>}: one release in full, as {@code kubectl describe}
 * shows an object: its status and whole message, its last reconcile, its drift (objects, fields, who changed them),
 * its latest revisions (the applier's history) and its latest events (the observer's timeline). With
 * {@code -o json|yaml}, the same four parts as the APIs give them. An unknown release is an error (exit 1).
 * {@code ./flotilla describe preview <id>}: one pull request's or branch's preview ({@link PreviewCommand}).
 */
public final class DescribeCommand {

    private static final int REVISIONS_SHOWN = 5;
    private static final int EVENTS_SHOWN = 10;
    private static final String[] EVENT_HEADER = {"AGE", "EVENT", "FROM", "CORRELATION", "WHAT"};

    private DescribeCommand() {
    }

    /**
     * @param observer the observer's base URL
     * @param applier  the applier's base URL
     * @return what to print
     */
    public static String run(List<String> args, Endpoint observer, Endpoint applier, Instant now) {
        if (!args.isEmpty() && Set.of("preview", "previews").contains(args.get(0))) {
            return PreviewCommand.describe(new JsonHttp("observer", observer),
                    Output.longForm(args.subList(1, args.size())), now);
        }
        if (args.isEmpty() || !Set.of("release", "releases", "rel").contains(args.get(0))) {
            throw new UsageException("'describe' takes release <cluster>/<namespace>/<name> or preview <id>");
        }
        ReleaseName.Asked asked = ReleaseName.asked("describe release", args.subList(1, args.size()));
        ReleaseName name = asked.release();
        Output output = asked.output();
        JsonHttp observerApi = new JsonHttp("observer", observer);
        JsonNode release = GetCommand.releases(observerApi, name.cluster(), name.namespace()).stream().filter(name::is)
                .findFirst()
                .orElseThrow(() -> new StackException("release " + name + " is unknown to Flotilla"
                        + " (./flotilla get releases lists those it knows)"));
        List<JsonNode> revisions = HistoryCommand.revisions(new JsonHttp("applier", applier), name);
        List<JsonNode> drift = observerApi.get("api/drift", new TypeReference<List<JsonNode>>() {
        }).stream().filter(name::is).toList();
        List<JsonNode> events = timeline(observerApi, name);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("release", release);
        all.put("revisions", revisions);
        all.put("drift", drift);
        all.put("events", events);
        return output.print(all, text(release, revisions, drift, events, now));
    }

    private static String text(JsonNode release, List<JsonNode> revisions, List<JsonNode> drift,
            List<JsonNode> events, Instant now) {
        StringBuilder text = new StringBuilder();
        field(text, "Release", release.path("cluster").asText() + "/" + release.path("namespace").asText() + "/"
                + release.path("name").asText());
        field(text, "Status", release.path("status").asText() + " (revision " + release.path("revision").asInt()
                + ")");
        field(text, "Chart", HistoryCommand.chart(release));
        field(text, "Commit", HistoryCommand.shortSha(release.path("sourceSha").asText(null))
                + revisions.stream().findFirst().map(newest -> newest.path("sourceFile").asText(null))
                        .map(file -> "  (" + file + ")").orElse(""));
        field(text, "Applied", ReleaseTable.age(HistoryCommand.instant(release.path("appliedAt")), now));
        if (release.path("reconciledAt").isTextual()) {
            field(text, "Reconciled", ReleaseTable.age(HistoryCommand.instant(release.path("reconciledAt")), now)
                    + " (" + release.path("reconcileTrigger").asText("-") + ")"
                    + (release.path("reconcileMessage").isTextual() ? ": " + release.path("reconcileMessage").asText()
                            : ""));
        }
        if (release.path("message").isTextual() && !release.path("message").asText().isBlank()) {
            field(text, "Message", release.path("message").asText().strip());
        }
        text.append("\nDrift:\n");
        List<String> drifted = new ArrayList<>();
        for (JsonNode record : drift) {
            for (JsonNode object : record.path("objects")) {
                JsonNode ref = object.path("object");
                String where = ref.path("kind").asText() + " " + (ref.path("namespace").asText("").isEmpty() ? ""
                        : ref.path("namespace").asText() + "/") + ref.path("name").asText();
                String what = object.path("deleted").asBoolean() ? "deleted" : fields(object.path("fields"));
                drifted.add("  " + where + "  " + what + "  (by " + object.path("manager").asText("someone") + ", "
                        + ReleaseTable.age(HistoryCommand.instant(object.path("changedAt")), now) + ")");
            }
        }
        text.append(drifted.isEmpty() ? "  none\n" : String.join("\n", drifted) + "\n");
        text.append("\nRevisions (newest first):\n");
        text.append(indent(HistoryCommand.table(revisions.subList(0, Math.min(REVISIONS_SHOWN, revisions.size())),
                now)));
        text.append("\nEvents (newest first):\n");
        if (events.isEmpty()) {
            text.append("  none\n");
        } else {
            text.append(indent(events(events.subList(0, Math.min(EVENTS_SHOWN, events.size())), now)));
        }
        return text.toString();
    }

    /** Events as a table, newest first: how long ago, what, from which service, what it said. */
    static String events(List<JsonNode> events, Instant now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(EVENT_HEADER);
        for (JsonNode event : events) {
            rows.add(new String[] {ReleaseTable.age(HistoryCommand.instant(event.path("time")), now),
                    event.path("type").asText(), event.path("source").asText(),
                    event.path("correlationId").asText("-"), summary(event.path("payload"))});
        }
        return TextTable.format(rows);
    }

    /** The observer's timeline of one release, newest first. */
    static List<JsonNode> timeline(JsonHttp observer, ReleaseName name) {
        return observer.get(GetCommand.RELEASES + "/" + name.path() + "/history", new TypeReference<List<JsonNode>>() {
        });
    }

    private static String fields(JsonNode fields) {
        List<String> paths = new ArrayList<>();
        fields.forEach(field -> paths.add(field.asText()));
        return paths.isEmpty() ? "changed" : String.join(", ", paths);
    }

    /** What an event says in a few words: its outcome and revision, or its commit, and its error or message. */
    private static String summary(JsonNode payload) {
        List<String> parts = new ArrayList<>();
        if (payload.path("outcome").isTextual()) {
            parts.add(payload.path("outcome").asText()
                    + (payload.path("revision").isNumber() ? " r" + payload.path("revision").asInt() : ""));
        } else if (payload.path("sourceSha").isTextual()) {
            parts.add("commit " + HistoryCommand.shortSha(payload.path("sourceSha").asText()));
        }
        for (String field : List.of("error", "message")) {
            if (payload.path(field).isTextual() && !payload.path(field).asText().isBlank()) {
                parts.add(TextTable.oneLine(payload.path(field).asText(), 120));
                break;
            }
        }
        return String.join(": ", parts);
    }

    private static void field(StringBuilder text, String name, String value) {
        text.append(String.format("%-12s%s%n", name + ":", value));
    }

    private static String indent(String block) {
        return block.lines().map(line -> "  " + line).reduce("", (all, line) -> all + line + "\n");
    }
}
