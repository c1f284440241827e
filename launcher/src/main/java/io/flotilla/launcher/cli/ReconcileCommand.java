package io.flotilla.launcher.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;

import io.flotilla.launcher.cli.Arguments.UsageException;

/**
 * {@code ./flotilla reconcile}: asks the applier to reconcile one release ({@code <cluster>/<namespace>/<name>}), every
 * release of a cluster ({@code --cluster NAME}) or the whole fleet ({@code --all}) now, without waiting for their
 * interval: {@code POST /api/reconcile} with {@code {"release": ...}}, {@code {"cluster": ...}} or
 * {@code {"all": true}}, which the applier answers {@code 202 {"queued": n}}.
 */
public final class ReconcileCommand {

    static final String PATH = "api/reconcile";

    private ReconcileCommand() {
    }

    /**
     * @param applier the applier's base URL
     * @return what to print
     */
    public static String run(List<String> args, String applier) {
        Request request = request(args);
        Queued queued = new JsonHttp("applier", applier).post(PATH, request.body(), 202, new TypeReference<Queued>() {
        });
        return "Queued " + queued.queued() + (queued.queued() == 1 ? " release" : " releases") + " to reconcile ("
                + request.what() + ").\n";
    }

    /** What the command line asks for, as the applier's request body, and in words. */
    static Request request(List<String> args) {
        Arguments arguments = Arguments.parse("reconcile", args, Set.of("cluster"), Set.of("all"), 1);
        int asked = arguments.plain().size() + (arguments.has("cluster") ? 1 : 0) + (arguments.has("all") ? 1 : 0);
        if (asked != 1) {
            throw new UsageException("'reconcile' takes one of <cluster>/<namespace>/<name>, --cluster NAME or --all");
        }
        if (arguments.has("all")) {
            return new Request(Map.of("all", true), "the whole fleet");
        }
        if (arguments.has("cluster")) {
            String cluster = arguments.value("cluster").orElseThrow();
            return new Request(Map.of("cluster", cluster), "every release on cluster " + cluster);
        }
        String release = arguments.plain().get(0);
        String[] parts = release.split("/", -1);
        if (parts.length != 3 || List.of(parts).stream().anyMatch(String::isBlank)) {
            throw new UsageException("'" + release + "' is not a release: write <cluster>/<namespace>/<name>, such as "
                    + "dev/apps/web");
        }
        return new Request(Map.of("release", release), "release " + release);
    }

    record Request(Map<String, Object> body, String what) {
    }

    /** The applier's answer: how many releases it queued. */
    record Queued(int queued) {
    }
}
