package io.flotilla.launcher.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.clusters.ClusterLabels;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.status.ReleaseTable;

/**
 * {@code ./flotilla rollout}: the renderings the applier holds at a rollout's wave gate.
 * <ul>
 * <li>{@code status}: {@code GET /api/rollouts} as a table, halted ones (the wave before failed) apart from those
 * waiting for the wave before to be Ready for its soak time;</li>
 * <li>{@code resume [--release ns/name] [--cluster c]}: {@code POST /api/rollouts/resume {release?, cluster?}} opens
 * the gate of the renderings halted now (all of them when neither is given), as if the wave before were Ready.</li>
 * </ul>
 */
public final class RolloutCommand {

    static final String STATUS_PATH = "api/rollouts";
    static final String RESUME_PATH = "api/rollouts/resume";
    private static final String[] HEADER = {"RELEASE", "ROLLOUT", "WAVE", "STATE", "WAITS FOR", "HELD", "REASON"};
    private static final int REASON_WIDTH = 100;

    private RolloutCommand() {
    }

    /**
     * @param applier the applier's base URL
     * @return what to print
     */
    public static String run(List<String> args, Endpoint applier, Instant now) {
        if (args.isEmpty()) {
            throw new UsageException("'rollout' takes status or resume");
        }
        List<String> rest = args.subList(1, args.size());
        JsonHttp api = new JsonHttp("applier", applier);
        return switch (args.get(0)) {
            case "status" -> {
                Arguments.parse("rollout status", rest, Set.of());
                yield table(held(api.get(STATUS_PATH, new TypeReference<List<JsonNode>>() {
                })), now);
            }
            case "resume" -> {
                Map<String, Object> request = resumeRequest(rest);
                JsonNode answer = api.post(RESUME_PATH, request, JsonHttp.SUCCESS, new TypeReference<JsonNode>() {
                });
                yield resumed(answer, request);
            }
            default -> throw new UsageException("'rollout " + args.get(0) + "' is no command: 'rollout' takes status"
                    + " or resume");
        };
    }

    /** What {@code rollout resume} asks the applier: nothing (every halted rendering), a release, a cluster, or both. */
    static Map<String, Object> resumeRequest(List<String> args) {
        Arguments arguments = Arguments.parse("rollout resume", args, Set.of("release", "cluster"));
        Map<String, Object> request = new LinkedHashMap<>();
        arguments.value("release").ifPresent(release -> {
            String[] parts = release.split("/", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new UsageException("--release '" + release + "' is not a release: write <namespace>/<name>,"
                        + " such as apps/web");
            }
            request.put("release", release);
        });
        arguments.value("cluster").ifPresent(cluster -> {
            try {
                ClusterLabels.checkName(cluster);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            request.put("cluster", cluster);
        });
        return request;
    }

    static String table(List<Held> held, Instant now) {
        if (held.isEmpty()) {
            return "No rollout is held: every rendering has passed its wave gate.\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Held one : held) {
            rows.add(new String[] {one.release(), orDash(one.rollout()),
                    one.waveName() == null ? Integer.toString(one.wave()) : one.waveName(),
                    one.halted() ? "halted" : "waiting", orDash(one.blockingCluster()),
                    ReleaseTable.age(one.heldAt(), now), TextTable.oneLine(one.reason(), REASON_WIDTH)});
        }
        long halted = held.stream().filter(Held::halted).count();
        return TextTable.format(rows) + "\n" + held.size() + (held.size() == 1 ? " rendering" : " renderings")
                + " held, " + halted + " halted" + (halted == 0 ? ".\n"
                        : ": fix the release on the wave before, or ./flotilla rollout resume [--release ns/name]"
                                + " [--cluster c]\n");
    }

    /** The applier's rows: each held rendering's release ({@code namespace/name}), cluster and hold. */
    static List<Held> held(List<JsonNode> rows) {
        List<Held> held = new ArrayList<>();
        for (JsonNode row : rows) {
            held.add(new Held(row.path("cluster").asText() + "/" + row.path("release").asText(),
                    row.path("rollout").asText(null), row.path("wave").asInt(), row.path("waveName").asText(null),
                    row.path("halted").asBoolean(), row.path("blockingCluster").asText(null),
                    row.path("reason").asText(""),
                    row.hasNonNull("since") ? Instant.parse(row.path("since").asText()) : null));
        }
        return held;
    }

    private static String resumed(JsonNode answer, Map<String, Object> request) {
        String what = request.isEmpty() ? "every halted rollout" : "the held renderings"
                + (request.containsKey("release") ? " of release " + request.get("release") : "")
                + (request.containsKey("cluster") ? " on cluster " + request.get("cluster") : "");
        int count = answer.path("resumed").size();
        return "Resumed " + count + (count == 1 ? " rendering" : " renderings") + " (" + what + "): the applier applies"
                + " each on its wave now.\n";
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }

    /**
     * A rendering held at a wave gate.
     *
     * @param release         {@code cluster/namespace/name}
     * @param blockingCluster the cluster of the wave before it waits for
     */
    record Held(String release, String rollout, int wave, String waveName, boolean halted, String blockingCluster,
            String reason, Instant heldAt) {
    }
}
