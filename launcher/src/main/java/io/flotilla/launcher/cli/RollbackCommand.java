package io.flotilla.launcher.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.StackException;

/**
 * {@code ./flotilla rollback <cluster>/<namespace>/<name> <revision>}, as {@code helm rollback}:
 * {@code POST /api/releases/{cluster}/{namespace}/{name}/rollback {"revision": N}} on the applier, which applies the
 * objects revision N recorded again as a new revision, "Rollback to N", and answers it once recorded. An unknown
 * release or revision is the applier's one-line refusal (exit 1); so is a rollback that did not end Ready.
 */
public final class RollbackCommand {

    private RollbackCommand() {
    }

    /**
     * @param applier where the applier answers
     * @return what to print
     */
    public static String run(List<String> args, Endpoint applier) {
        Arguments arguments = Arguments.parse("rollback", args, Set.of(), Set.of(), 2);
        if (arguments.plain().size() != 2) {
            throw new UsageException("'rollback' takes a release and a revision: <cluster>/<namespace>/<name> N");
        }
        ReleaseName release = ReleaseName.parse(arguments.plain().get(0));
        int revision;
        try {
            revision = Integer.parseInt(arguments.plain().get(1));
        } catch (NumberFormatException e) {
            throw new UsageException("a revision is a whole number, as './flotilla history " + release + "' lists"
                    + " them, not '" + arguments.plain().get(1) + "'");
        }
        JsonNode recorded = new JsonHttp("applier", applier).post("api/releases/" + release.path() + "/rollback",
                Map.of("revision", revision), 200, new TypeReference<JsonNode>() {
                });
        String done = "revision " + recorded.path("revision").asInt() + ", " + recorded.path("outcome").asText() + ": "
                + recorded.path("message").asText();
        if (!"Ready".equals(recorded.path("outcome").asText())) {
            throw new StackException("release " + release + " was not rolled back to revision " + revision + ": "
                    + done);
        }
        return "Rolled back " + release + " to revision " + revision + " as " + done + ".\n";
    }
}
