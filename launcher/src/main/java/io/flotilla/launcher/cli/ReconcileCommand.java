package io.flotilla.launcher.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.launcher.cli.Arguments.UsageException;

/**
 * {@code ./flotilla reconcile}: asks the applier to reconcile one release ({@code <cluster>/<namespace>/<name>}), every
 * release of a cluster ({@code --cluster NAME}) or the whole fleet ({@code --all}) now, without waiting for their
 * interval: {@code POST /api/reconcile} with {@code {"release": ...}}, {@code {"cluster": ...}} or
 * {@code {"all": true}}, which the applier answers {@code 202 {"queued": n}}. With {@code --wait}, it then follows the
 * releases through the observer until each has been reconciled since ({@link ReconcileWait}).
 */
public final class ReconcileCommand {

    static final String PATH = "api/reconcile";
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private ReconcileCommand() {
    }

    /**
     * @param applier  the applier's base URL
     * @param observer the observer's base URL, which {@code --wait} follows
     * @param out      where what it did is printed, and with {@code --wait} a line per change of progress
     * @return the exit code: 0 when queued (with {@code --wait}: when every release was reconciled and none Failed)
     */
    public static int run(List<String> args, Endpoint applier, Endpoint observer, PrintStream out) {
        Request request = request(args);
        ReconcileWait wait = request.waiting() ? ReconcileWait.before(request, new JsonHttp("observer", observer))
                : null;
        out.print(queue(request, applier));
        return wait == null ? 0 : wait.follow(out);
    }

    /** Asks the applier; what it queued, in words. */
    static String queue(Request request, Endpoint applier) {
        Queued queued = new JsonHttp("applier", applier).post(PATH, request.body(), 202, new TypeReference<Queued>() {
        });
        return "Queued " + queued.queued() + (queued.queued() == 1 ? " release" : " releases") + " to reconcile ("
                + request.what() + ").\n";
    }

    /** What the command line asks for, as the applier's request body, and in words. */
    static Request request(List<String> args) {
        Arguments arguments = Arguments.parse("reconcile", args, Set.of("cluster", "timeout"), Set.of("all", "wait"),
                1);
        int asked = arguments.plain().size() + (arguments.has("cluster") ? 1 : 0) + (arguments.has("all") ? 1 : 0);
        if (asked != 1) {
            throw new UsageException("'reconcile' takes one of <cluster>/<namespace>/<name>, --cluster NAME or --all");
        }
        if (arguments.has("timeout") && !arguments.has("wait")) {
            throw new UsageException("--timeout goes with --wait");
        }
        Duration timeout = arguments.value("timeout").map(ReconcileCommand::duration).orElse(DEFAULT_TIMEOUT);
        boolean wait = arguments.has("wait");
        if (arguments.has("all")) {
            return new Request(Map.of("all", true), "the whole fleet", release -> true, wait, timeout);
        }
        if (arguments.has("cluster")) {
            String cluster = arguments.value("cluster").orElseThrow();
            return new Request(Map.of("cluster", cluster), "every release on cluster " + cluster,
                    release -> cluster.equals(release.path("cluster").asText()), wait, timeout);
        }
        String release = arguments.plain().get(0);
        String[] parts = release.split("/", -1);
        if (parts.length != 3 || List.of(parts).stream().anyMatch(String::isBlank)) {
            throw new UsageException("'" + release + "' is not a release: write <cluster>/<namespace>/<name>, such as "
                    + "dev/apps/web");
        }
        ReleaseName name = new ReleaseName(parts[0], parts[1], parts[2]);
        return new Request(Map.of("release", release), "release " + release, name::is, wait, timeout);
    }

    /** {@code 90s}, {@code 5m}, {@code 1h}: how long {@code --wait} waits at the most. */
    private static Duration duration(String text) {
        Matcher matcher = Pattern.compile("(\\d+)(s|m|h)").matcher(text.strip());
        if (!matcher.matches()) {
            throw new UsageException("--timeout takes a duration such as 90s, 5m or 1h, not '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /**
     * What the command line asks for.
     *
     * @param body     the applier's request body
     * @param what     the same in words
     * @param scope    which of the observer's releases it covers, for {@code --wait}
     * @param waiting  whether to follow them until reconciled
     * @param timeout  how long to follow them at the most
     */
    record Request(Map<String, Object> body, String what, Predicate<JsonNode> scope, boolean waiting,
            Duration timeout) {
    }

    /** The applier's answer: how many releases it queued. */
    record Queued(int queued) {
    }
}
