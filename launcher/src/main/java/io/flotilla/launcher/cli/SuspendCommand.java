package io.flotilla.launcher.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.status.ReleaseTable;

/**
 * {@code ./flotilla suspend} and {@code ./flotilla resume}, as {@code flux suspend|resume}:
 * <ul>
 * <li>{@code suspend release <cluster>/<namespace>/<name> [--reason TEXT] [--by NAME]}:
 * {@code POST /api/releases/{cluster}/{namespace}/{name}/suspend {by, reason}} on the applier, which applies nothing
 * to the release (and corrects none of its drift) until it is resumed, keeping the renderings that come;</li>
 * <li>{@code suspend release --cluster NAME ...}: {@code POST /api/clusters/{name}/suspend}, every release of the
 * cluster;</li>
 * <li>{@code resume release <cluster>/<namespace>/<name>} and {@code resume release --cluster NAME}: the same paths
 * ending in {@code /resume}, after which the newest rendering is applied at once.</li>
 * </ul>
 * {@code --by} defaults to the user's login name. An unknown release or cluster is the applier's one-line refusal.
 * {@code ./flotilla suspensions [--cluster NAME] [-o table|json|yaml]} lists the releases suspended now
 * ({@code GET /api/suspensions}).
 */
public final class SuspendCommand {

    private static final int REASON_WIDTH = 100;

    private SuspendCommand() {
    }

    /**
     * @param verb    {@code suspend} or {@code resume}
     * @param applier where the applier answers
     * @return what to print
     */
    public static String run(String verb, List<String> args, Endpoint applier) {
        boolean suspending = verb.equals("suspend");
        List<String> rest = !args.isEmpty() && args.get(0).equals("release") ? args.subList(1, args.size()) : args;
        Arguments arguments = Arguments.parse(verb + " release", rest,
                suspending ? Set.of("cluster", "reason", "by") : Set.of("cluster"), Set.of(), 1);
        boolean cluster = arguments.has("cluster");
        if (cluster == !arguments.plain().isEmpty()) {
            throw new UsageException("'" + verb + " release' takes one of <cluster>/<namespace>/<name> or"
                    + " --cluster NAME");
        }
        String path = cluster ? "api/clusters/" + arguments.value("cluster").orElseThrow() + "/" + verb
                : "api/releases/" + ReleaseName.parse(arguments.plain().get(0)).path() + "/" + verb;
        Map<String, Object> body = suspending ? body(arguments) : null;
        JsonHttp api = new JsonHttp("applier", applier);
        if (cluster) {
            List<JsonNode> changed = api.post(path, body, 200, new TypeReference<List<JsonNode>>() {
            });
            return clusterDone(suspending, arguments.value("cluster").orElseThrow(), changed);
        }
        JsonNode changed = api.post(path, body, 200, new TypeReference<JsonNode>() {
        });
        return suspending ? "Suspended " + changed.path("release").asText() + " (" + who(changed) + "): nothing is"
                + " applied to it until './flotilla resume release " + changed.path("release").asText()
                + "', which applies the newest rendering.\n"
                : "Resumed " + changed.path("release").asText() + " (it was " + who(changed) + "): its newest"
                        + " rendering is applied now.\n";
    }

    /**
     * {@code suspensions}: the releases suspended now, with who, since when and why.
     *
     * @param applier where the applier answers
     * @return what to print
     */
    public static String list(List<String> args, Endpoint applier, Instant now) {
        Arguments arguments = Arguments.parse("suspensions", Output.longForm(args), Set.of(Output.OPTION, "cluster"));
        Output output = Output.of(arguments);
        String query = arguments.value("cluster")
                .map(cluster -> "?cluster=" + URLEncoder.encode(cluster, StandardCharsets.UTF_8)).orElse("");
        List<JsonNode> suspended = new JsonHttp("applier", applier).get("api/suspensions" + query,
                new TypeReference<List<JsonNode>>() {
                });
        if (suspended.isEmpty()) {
            return output.print(suspended, "No release is suspended.\n");
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"RELEASE", "BY", "SINCE", "REASON"});
        for (JsonNode one : suspended) {
            rows.add(new String[] {one.path("release").asText(), one.path("by").asText(),
                    ReleaseTable.age(HistoryCommand.instant(one.path("at")), now),
                    one.hasNonNull("reason") ? TextTable.oneLine(one.path("reason").asText(), REASON_WIDTH) : "-"});
        }
        return output.print(suspended, TextTable.format(rows));
    }

    private static Map<String, Object> body(Arguments arguments) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("by", arguments.value("by").orElseGet(() -> System.getProperty("user.name")));
        arguments.value("reason").ifPresent(reason -> body.put("reason", reason));
        return body;
    }

    private static String clusterDone(boolean suspending, String cluster, List<JsonNode> changed) {
        List<String> names = new ArrayList<>();
        changed.forEach(release -> names.add(release.path("release").asText()));
        String count = changed.size() + (changed.size() == 1 ? " release" : " releases");
        if (suspending) {
            return "Suspended " + count + " on cluster " + cluster + (changed.isEmpty() ? "" : " (" + who(
                    changed.get(0)) + ")") + ": " + String.join(", ", names) + ".\n";
        }
        return changed.isEmpty() ? "No release on cluster " + cluster + " was suspended.\n"
                : "Resumed " + count + " on cluster " + cluster + ", each applying its newest rendering now: "
                        + String.join(", ", names) + ".\n";
    }

    /** "suspended by alice at ...: why". */
    private static String who(JsonNode suspension) {
        return "suspended by " + suspension.path("by").asText() + " at " + suspension.path("at").asText()
                + (suspension.hasNonNull("reason") ? ": " + suspension.path("reason").asText() : "");
    }
}
