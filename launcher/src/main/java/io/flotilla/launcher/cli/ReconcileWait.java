package io.flotilla.launcher.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.launcher.stack.StackException;

/**
 * {@code ./flotilla reconcile ... --wait}: the releases the request covers, as the observer shows them before it is
 * sent, followed until each shows a reconcile newer than the one it showed then ({@code reconciledAt}, which a
 * reconcile that changed nothing moves too). One line is printed per change of progress, then each release that
 * ended Failed with its whole message. Exit code 0 when all were reconciled and none is Failed, 1 when one is, or when
 * the timeout passed first. No clock of this machine is compared with the services': only the observer's own times.
 */
final class ReconcileWait {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final String FAILED = "Failed";

    private final ReconcileCommand.Request request;
    private final JsonHttp observer;
    /** Each release covered, by its key, with the reconcile time the observer showed before ("" for none). */
    private final Map<String, String> before;

    private ReconcileWait(ReconcileCommand.Request request, JsonHttp observer, Map<String, String> before) {
        this.request = request;
        this.observer = observer;
        this.before = before;
    }

    /** Takes note of the releases {@code request} covers, before it is sent. */
    static ReconcileWait before(ReconcileCommand.Request request, JsonHttp observer) {
        Map<String, String> before = new LinkedHashMap<>();
        for (JsonNode release : GetCommand.releases(observer)) {
            if (request.scope().test(release)) {
                before.put(key(release), release.path("reconciledAt").asText(""));
            }
        }
        if (before.isEmpty()) {
            throw new StackException("nothing to wait for: the observer knows no release of " + request.what()
                    + " (./flotilla get releases lists those it knows)");
        }
        return new ReconcileWait(request, observer, before);
    }

    /** Follows the releases until all were reconciled or the timeout passed; the exit code. */
    int follow(PrintStream out) {
        Instant deadline = Instant.now().plus(request.timeout());
        String shown = null;
        while (true) {
            List<JsonNode> done = GetCommand.releases(observer).stream()
                    .filter(release -> reconciledSince(release)).toList();
            List<JsonNode> failed = done.stream().filter(release -> FAILED.equals(release.path("status").asText()))
                    .toList();
            String progress = "reconciled " + done.size() + " of " + before.size()
                    + (failed.isEmpty() ? "" : ", " + failed.size() + " " + FAILED);
            if (!progress.equals(shown)) {
                out.println(progress);
                shown = progress;
            }
            if (done.size() == before.size()) {
                failed.forEach(release -> out.println(key(release) + ": Failed (revision "
                        + release.path("revision").asInt() + "): " + release.path("message").asText("").strip()));
                if (failed.isEmpty()) {
                    out.println(before.size() == 1 ? key(done.get(0)) + ": " + done.get(0).path("status").asText()
                            + " (revision " + done.get(0).path("revision").asInt() + ")" : "none Failed");
                }
                return failed.isEmpty() ? 0 : 1;
            }
            if (Instant.now().isAfter(deadline)) {
                out.println("timed out after " + request.timeout().toSeconds() + "s: " + progress);
                return 1;
            }
            pause();
        }
    }

    private boolean reconciledSince(JsonNode release) {
        String earlier = before.get(key(release));
        String now = release.path("reconciledAt").asText("");
        return earlier != null && !now.isEmpty() && !now.equals(earlier);
    }

    private static String key(JsonNode release) {
        return release.path("cluster").asText() + "/" + release.path("namespace").asText() + "/"
                + release.path("name").asText();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the reconcile", e);
        }
    }
}
