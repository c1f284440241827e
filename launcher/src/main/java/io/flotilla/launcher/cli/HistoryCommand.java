package io.flotilla.launcher.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.launcher.stack.StackException;
import io.flotilla.launcher.status.ReleaseTable;

/**
 * {@code ./flotilla history <cluster>/<namespace>/<name>}: the release's revisions as the applier recorded them
 * ({@code GET /api/releases/{cluster}/{namespace}/{name}/history}), newest first: outcome, commit, chart, when, how
 * long, and the message whole. An unknown release is an error (exit 1), not an empty list.
 */
public final class HistoryCommand {

    private static final String[] HEADER = {"REVISION", "OUTCOME", "COMMIT", "CHART", "APPLIED", "TOOK", "MESSAGE"};

    private HistoryCommand() {
    }

    /**
     * @param applier the applier's base URL
     * @return what to print
     */
    public static String run(List<String> args, Endpoint applier, Instant now) {
        ReleaseName.Asked asked = ReleaseName.asked("history", args);
        List<JsonNode> revisions = revisions(new JsonHttp("applier", applier), asked.release());
        return asked.output().print(revisions, table(revisions, now));
    }

    /** The release's revisions, newest first; a release the applier never recorded is named as unknown. */
    static List<JsonNode> revisions(JsonHttp applier, ReleaseName release) {
        List<JsonNode> revisions;
        try {
            revisions = applier.get("api/releases/" + release.path() + "/history",
                    new TypeReference<List<JsonNode>>() {
                    });
        } catch (StackException e) {
            if (e.getMessage().contains(" answered 404")) {
                throw new StackException("release " + release + " has no revision: it is unknown to Flotilla, or was"
                        + " never applied (./flotilla get releases lists those that are)", e);
            }
            throw e;
        }
        List<JsonNode> newestFirst = new ArrayList<>(revisions);
        newestFirst.sort((a, b) -> Integer.compare(b.path("revision").asInt(), a.path("revision").asInt()));
        return newestFirst;
    }

    static String table(List<JsonNode> revisions, Instant now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JsonNode revision : revisions) {
            rows.add(new String[] {revision.path("revision").asText(), revision.path("outcome").asText(),
                    shortSha(revision.path("sourceSha").asText(null)), chart(revision),
                    ReleaseTable.age(instant(revision.path("appliedAt")), now),
                    revision.path("durationMs").isNumber() ? revision.path("durationMs").asLong() + "ms" : "-",
                    TextTable.oneLine(revision.path("message").asText(null), Integer.MAX_VALUE)});
        }
        return TextTable.format(rows);
    }

    static String chart(JsonNode entry) {
        String chart = entry.path("chart").asText(null);
        String version = entry.path("chartVersion").asText(null);
        return chart == null ? "-" : version == null ? chart : chart + "-" + version;
    }

    static String shortSha(String sha) {
        return sha == null || sha.isEmpty() ? "-" : sha.substring(0, Math.min(7, sha.length()));
    }

    static Instant instant(JsonNode value) {
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }
}
