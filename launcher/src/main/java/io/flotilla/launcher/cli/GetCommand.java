package io.flotilla.launcher.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.EventCodec;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.status.ReleaseRow;
import io.flotilla.launcher.status.ReleaseTable;

/**
 * {@code ./flotilla get releases|clusters|previews}: the fleet as the observer knows it ({@code GET /api/releases},
 * {@code GET /api/clusters}) and the pull requests previewed ({@link PreviewCommand}), as a table or, with {@code -o json|yaml}, as the API gives it. Releases can be narrowed
 * to a cluster, a namespace, a tenant and a status ({@code --status Failed}); narrowed to nothing, the list is empty,
 * not an error, so that a script can count.
 */
public final class GetCommand {

    static final String RELEASES = "api/releases";
    private static final String WHAT = "'get' takes releases, clusters or previews";

    private GetCommand() {
    }

    /**
     * @param observer the observer's base URL
     * @return what to print
     */
    public static String run(List<String> args, Endpoint observer, Instant now) {
        if (args.isEmpty()) {
            throw new UsageException(WHAT);
        }
        List<String> rest = Output.longForm(args.subList(1, args.size()));
        JsonHttp api = new JsonHttp("observer", observer);
        return switch (args.get(0)) {
            case "releases", "release", "rel" -> releases(api, rest, now);
            case "clusters", "cluster" -> clusters(api, rest, now);
            case "previews", "preview" -> PreviewCommand.get(api, rest, now);
            default -> throw new UsageException(WHAT + ", not '" + args.get(0) + "'");
        };
    }

    private static String releases(JsonHttp api, List<String> args, Instant now) {
        Arguments arguments = Arguments.parse("get releases", args,
                Set.of(Output.OPTION, "cluster", "namespace", "tenant", "status"));
        Output output = Output.of(arguments);
        List<JsonNode> releases = releases(api).stream()
                .filter(release -> matches(release, "cluster", arguments))
                .filter(release -> matches(release, "namespace", arguments))
                .filter(release -> matches(release, "tenant", arguments))
                .filter(release -> matches(release, "status", arguments))
                .toList();
        String table = releases.isEmpty() ? "No release matches.\n"
                : ReleaseTable.format(releases.stream().map(GetCommand::row).toList(), now);
        return output.print(releases, table);
    }

    private static String clusters(JsonHttp api, List<String> args, Instant now) {
        Arguments arguments = Arguments.parse("get clusters", args, Set.of(Output.OPTION));
        Output output = Output.of(arguments);
        List<JsonNode> clusters = api.get(ClusterCommand.PATH, new TypeReference<List<JsonNode>>() {
        });
        return output.print(clusters, ClusterTable.format(clusters.stream().map(ClusterRow::of).toList(), now));
    }

    /** Every release the observer knows, as its API gives them. */
    static List<JsonNode> releases(JsonHttp api) {
        return api.get(RELEASES, new TypeReference<List<JsonNode>>() {
        });
    }

    /** The releases of one namespace of one cluster: the observer narrows them, not the whole fleet sent. */
    static List<JsonNode> releases(JsonHttp api, String cluster, String namespace) {
        return api.get(RELEASES + "?cluster=" + URLEncoder.encode(cluster, StandardCharsets.UTF_8) + "&namespace="
                + URLEncoder.encode(namespace, StandardCharsets.UTF_8), new TypeReference<List<JsonNode>>() {
                });
    }

    static ReleaseRow row(JsonNode release) {
        return EventCodec.mapper().convertValue(release, ReleaseRow.class);
    }

    /** Whether the release has the value the option asks for (statuses in any case); true when not asked. */
    private static boolean matches(JsonNode release, String field, Arguments arguments) {
        return arguments.value(field).map(wanted -> wanted.equalsIgnoreCase(release.path(field).asText()))
                .orElse(true);
    }
}
