package io.flotilla.gitwatcher.webhook;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flotilla.gitwatcher.source.SourceDefinition;

/**
 * Decides what a webhook delivery means for the watched sources. The signature is checked first, against the secret
 * of every source that has one, before the body is read: a delivery that no source's secret verifies is refused with
 * the same answer whatever repository it names, so a caller without a secret learns nothing about what is watched.
 * A source without a secret takes no deliveries (polling still finds its commits) unless it says so
 * ({@code unsigned-webhooks}): then anyone who reaches the endpoint can make it fetch sooner, and nothing more.
 * A delivery that passes carries its id ({@link Delivery#id}) when the host names its deliveries; the REST edge
 * accepts each id once. A pull (merge) request delivery of a watched repository whose base is the branch a source
 * follows asks for a preview of its head ({@link Outcome#PREVIEW}), checked and read the same way.
 */
public final class HookReceiver {

    /** What a refused delivery is told, whatever the reason: a missing signature, a wrong one, or no source. */
    static final String REFUSED = "missing or wrong signature";

    /** What became of a delivery; the REST edge turns it into a status code. */
    public enum Outcome {
        TRIGGERED, IGNORED, PING, UNAUTHORIZED, MALFORMED, REPLAYED,
        /** A pull request to preview (or to drop, closed), of {@link Delivery#preview}'s source. */
        PREVIEW
    }

    /**
     * @param sources the ids of the sources to fetch now
     * @param reason  what a sender needs to know, for the response body
     * @param id      the host's id of a delivery that passed its signature check, to be accepted once; null when
     *                refused or when the host names none
     * @param preview the pull request to preview and the source whose branch it merges into; null for any other
     */
    public record Delivery(Outcome outcome, List<String> sources, String reason, String id, Preview preview) {

        Delivery(Outcome outcome, List<String> sources, String reason, String id) {
            this(outcome, sources, reason, id, null);
        }

        static Delivery refused(Outcome outcome, String reason) {
            return new Delivery(outcome, List.of(), reason, null);
        }

        /** The same delivery, refused because its id was accepted before. */
        public Delivery replayed() {
            return new Delivery(Outcome.REPLAYED, List.of(), "delivery " + id
                    + " was received before; each delivery is accepted once", id);
        }
    }

    /** A pull request of {@code source}'s repository that merges into the branch {@code source} follows. */
    public record Preview(String source, PullRequest pullRequest) {
    }

    private final ObjectMapper json = new ObjectMapper();

    /** The host whose deliveries {@code /hooks/<name>} receives. */
    public static Optional<String> knownHost(String name) {
        return GitHosts.named(name).map(GitHost::name);
    }

    public Delivery receive(String hostName, HookRequest request, List<SourceDefinition> sources) {
        GitHost host = GitHosts.named(hostName).orElseThrow(() -> new IllegalArgumentException(
                "no Git host named " + hostName + "; known: " + GitHosts.names()));
        List<SourceDefinition> signed = sources.stream()
                .filter(source -> source.webhookSecret() != null
                        && host.signature().verified(request, source.webhookSecret()))
                .toList();
        List<SourceDefinition> open = sources.stream().filter(SourceDefinition::unsignedWebhooks).toList();
        if (signed.isEmpty() && open.isEmpty()) {
            return Delivery.refused(Outcome.UNAUTHORIZED, REFUSED);
        }
        GitHost.Event event = host.events().of(request);
        if (event == GitHost.Event.PULL_REQUEST) {
            return pullRequest(host, request, signed, open);
        }
        Push push;
        try {
            push = read(host, request.body());
        } catch (IOException | IllegalArgumentException e) {
            return Delivery.refused(Outcome.MALFORMED, "the body is not the JSON a " + host.name()
                    + " webhook sends: " + e.getMessage());
        }
        List<SourceDefinition> candidates = ofRepository(signed, open, push::concernsRepository);
        String id = host.deliveryId(request);
        if (candidates.isEmpty()) {
            if (signed.isEmpty()) {
                // Unsigned, and no source that takes unsigned deliveries watches it: as refused as a forgery.
                return Delivery.refused(Outcome.UNAUTHORIZED, REFUSED);
            }
            // A host's hook test asks whether the hook works, not for a fetch: it works, whatever it is for.
            if (event == GitHost.Event.PING) {
                return new Delivery(Outcome.PING, List.of(), "pong; no watched source for repository "
                        + push.repositories(), id);
            }
            return new Delivery(Outcome.IGNORED, List.of(), "no watched source for repository " + push.repositories(),
                    id);
        }
        if (event == GitHost.Event.PING) {
            return new Delivery(Outcome.PING, List.of(), "pong", id);
        }
        if (event == GitHost.Event.OTHER) {
            return new Delivery(Outcome.IGNORED, List.of(), "not a push event", id);
        }
        if (push.deletesBranchesOnly()) {
            return new Delivery(Outcome.IGNORED, List.of(), "deleted " + push.refs()
                    + ": nothing to fetch, the sources of the branch keep their last commit", id);
        }
        List<String> triggered = candidates.stream()
                .filter(source -> push.concerns(source.source().ref()))
                .map(SourceDefinition::id)
                .toList();
        return triggered.isEmpty()
                ? new Delivery(Outcome.IGNORED, List.of(), "no watched source follows " + push.refs(), id)
                : new Delivery(Outcome.TRIGGERED, triggered, "fetching", id);
    }

    /**
     * A pull request delivery that passed its signature check: a preview for the source following its base branch in
     * its repository; ignored, as a push is, when no source of the repository follows that branch.
     */
    private Delivery pullRequest(GitHost host, HookRequest request, List<SourceDefinition> signed,
            List<SourceDefinition> open) {
        PullRequest pull;
        try {
            pull = host.pullRequests().read(request, object(request.body()));
        } catch (IOException | IllegalArgumentException e) {
            return Delivery.refused(Outcome.MALFORMED, "the body is not the JSON a " + host.name()
                    + " pull request webhook sends: " + e.getMessage());
        }
        List<SourceDefinition> candidates = ofRepository(signed, open, pull::concernsRepository);
        String id = host.deliveryId(request);
        if (candidates.isEmpty()) {
            if (signed.isEmpty()) {
                return Delivery.refused(Outcome.UNAUTHORIZED, REFUSED);
            }
            return new Delivery(Outcome.IGNORED, List.of(), "no watched source for repository " + pull.repositories(),
                    id);
        }
        if (pull.state() == PullRequest.State.OTHER) {
            return new Delivery(Outcome.IGNORED, List.of(), "pull request #" + pull.number() + " " + pull.action()
                    + ": nothing to preview", id);
        }
        return candidates.stream()
                .filter(source -> pull.baseBranch().equals(source.source().branch()))
                .findFirst()
                .map(source -> new Delivery(Outcome.PREVIEW, List.of(), (pull.state() == PullRequest.State.CLOSED
                        ? "closing the preview of pull request #" : "previewing pull request #") + pull.number(), id,
                        new Preview(source.id(), pull)))
                .orElseGet(() -> new Delivery(Outcome.IGNORED, List.of(), "pull request #" + pull.number()
                        + " merges into " + pull.baseBranch() + ", which no watched source follows", id));
    }

    /** The sources a delivery that passed may move: those of the repository it names. */
    private static List<SourceDefinition> ofRepository(List<SourceDefinition> signed, List<SourceDefinition> open,
            Predicate<String> repository) {
        return Stream.concat(signed.stream(), open.stream()).distinct()
                .filter(source -> repository.test(source.source().repository()))
                .toList();
    }

    private JsonNode object(byte[] body) throws IOException {
        JsonNode tree = json.readTree(body);
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return tree;
    }

    private Push read(GitHost host, byte[] body) throws IOException {
        Optional<Push> withoutBody = host.pushes().withoutBody();
        if (body.length == 0 && withoutBody.isPresent()) {
            return withoutBody.get();
        }
        return host.pushes().read(object(body));
    }
}
