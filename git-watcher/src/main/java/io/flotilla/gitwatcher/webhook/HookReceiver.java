package io.flotilla.gitwatcher.webhook;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flotilla.gitwatcher.source.SourceDefinition;

/**
 * Decides what a webhook delivery means for the watched sources. The body is read first to find the
 * repository (its secret is per source), then the signature is checked against each matching source: a
 * delivery that no matching source's secret verifies triggers nothing. A source without a secret takes
 * deliveries unverified, since all they can do is make it fetch sooner.
 */
public final class HookReceiver {

    /** What became of a delivery; the REST edge turns it into a status code. */
    public enum Outcome {
        TRIGGERED, IGNORED, PING, UNAUTHORIZED, MALFORMED
    }

    /**
     * @param sources the ids of the sources to fetch now
     * @param reason  what a sender needs to know, for the response body
     */
    public record Delivery(Outcome outcome, List<String> sources, String reason) {
    }

    private final ObjectMapper json = new ObjectMapper();

    /** The host whose deliveries {@code /hooks/<name>} receives. */
    public static Optional<String> knownHost(String name) {
        return GitHosts.named(name).map(GitHost::name);
    }

    public Delivery receive(String hostName, HookRequest request, List<SourceDefinition> sources) {
        GitHost host = GitHosts.named(hostName).orElseThrow(() -> new IllegalArgumentException(
                "no Git host named " + hostName + "; known: " + GitHosts.names()));
        Push push;
        try {
            push = read(host, request.body());
        } catch (IOException | IllegalArgumentException e) {
            return new Delivery(Outcome.MALFORMED, List.of(), "the body is not the JSON a " + host.name()
                    + " webhook sends: " + e.getMessage());
        }
        List<SourceDefinition> candidates = sources.stream()
                .filter(source -> push.concernsRepository(source.source().repository()))
                .toList();
        GitHost.Event event = host.events().of(request);
        if (candidates.isEmpty()) {
            // A host's hook test asks whether the hook works, not for a fetch: it works, whatever it is for.
            if (event == GitHost.Event.PING) {
                return new Delivery(Outcome.PING, List.of(), "pong; no watched source for repository "
                        + push.repositories());
            }
            return new Delivery(Outcome.IGNORED, List.of(), "no watched source for repository " + push.repositories());
        }
        List<SourceDefinition> verified = candidates.stream()
                .filter(source -> source.webhookSecret() == null
                        || host.signature().verified(request, source.webhookSecret()))
                .toList();
        if (verified.isEmpty()) {
            return new Delivery(Outcome.UNAUTHORIZED, List.of(), "missing or wrong signature");
        }
        if (event == GitHost.Event.PING) {
            return new Delivery(Outcome.PING, List.of(), "pong");
        }
        if (event == GitHost.Event.OTHER) {
            return new Delivery(Outcome.IGNORED, List.of(), "not a push event");
        }
        if (push.deletesBranchesOnly()) {
            return new Delivery(Outcome.IGNORED, List.of(), "deleted " + push.refs()
                    + ": nothing to fetch, the sources of the branch keep their last commit");
        }
        List<String> triggered = verified.stream()
                .filter(source -> push.concerns(source.source().ref()))
                .map(SourceDefinition::id)
                .toList();
        return triggered.isEmpty()
                ? new Delivery(Outcome.IGNORED, List.of(), "no watched source follows " + push.refs())
                : new Delivery(Outcome.TRIGGERED, triggered, "fetching");
    }

    private Push read(GitHost host, byte[] body) throws IOException {
        Optional<Push> withoutBody = host.pushes().withoutBody();
        if (body.length == 0 && withoutBody.isPresent()) {
            return withoutBody.get();
        }
        JsonNode tree = json.readTree(body);
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return host.pushes().read(tree);
    }
}
