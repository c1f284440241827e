package io.flotilla.launcher.cli;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.launcher.stack.StackException;

/**
 * {@code ./flotilla logs <cluster>/<namespace>/<name>}: the release's journey as the observer recorded it, every event
 * about it newest first (rendered, applied, reconciled, drift), each with the correlation id of the commit, drift or
 * image that caused it ({@code GET /api/events?correlationId=...} follows one of them through every service). With
 * {@code -o json|yaml}, the events as the API gives them.
 */
public final class LogsCommand {

    private LogsCommand() {
    }

    /**
     * @param observer the observer's base URL
     * @return what to print
     */
    public static String run(List<String> args, Endpoint observer, Instant now) {
        ReleaseName.Asked asked = ReleaseName.asked("logs", args);
        List<JsonNode> events = DescribeCommand.timeline(new JsonHttp("observer", observer), asked.release());
        if (events.isEmpty()) {
            throw new StackException("release " + asked.release() + " has no event: it is unknown to Flotilla"
                    + " (./flotilla get releases lists those it knows)");
        }
        return asked.output().print(events, DescribeCommand.events(events, now));
    }
}
