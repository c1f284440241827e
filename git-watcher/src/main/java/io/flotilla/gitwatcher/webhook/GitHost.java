package io.flotilla.gitwatcher.webhook;

import java.util.Map;

/**
 * How one Git host delivers a push or a pull request, as small rules: which event a delivery is, how it is signed,
 * and where its body names the repository and the refs or the pull request. Each host is one line of {@link GitHosts}.
 *
 * @param name      the name in the webhook's path, {@code /hooks/<name>}
 * @param events    which event a delivery is
 * @param signature whether a delivery carries the proof that it was sent with a source's secret
 * @param pushes    what was pushed, read from the body
 * @param pullRequests what a pull (merge) request delivery says, read from the body
 * @param delivery  the header naming each delivery once ({@code X-GitHub-Delivery}...), so that a delivery sent again
 *                  as it was is refused
 */
record GitHost(String name, EventRule events, Signature signature, PushFormat pushes, PullRequestFormat pullRequests,
        String delivery) {

    /** The delivery's own id, or null when it carries none. */
    String deliveryId(HookRequest request) {
        String id = request.header(delivery);
        return id == null || id.isBlank() ? null : id.strip();
    }

    enum Event {
        PUSH, PING, PULL_REQUEST, OTHER
    }

    /** Which event a delivery is. */
    @FunctionalInterface
    interface EventRule {

        Event of(HookRequest request);

        /** The event named in {@code header}: {@code events} says which names are which; any other is neither. */
        static EventRule header(String header, Map<String, Event> events) {
            return request -> {
                String name = request.header(header);
                return name == null ? Event.OTHER : events.getOrDefault(name, Event.OTHER);
            };
        }
    }

    /** Whether a delivery carries the proof that it was sent with {@code secret}. */
    @FunctionalInterface
    interface Signature {

        boolean verified(HookRequest request, String secret);

        /** {@code header} holds the hex HMAC-SHA256 of the body. */
        static Signature hmacSha256(String header) {
            return (request, secret) -> Secrets.hmacSha256Matches(secret, request.body(), request.header(header));
        }

        /** {@code header} holds {@code sha256=} and the hex HMAC-SHA256 of the body. */
        static Signature prefixedHmacSha256(String header) {
            return (request, secret) -> Secrets.prefixedHmacSha256Matches(secret, request.body(),
                    request.header(header));
        }

        /** {@code header} holds the secret itself. */
        static Signature token(String header) {
            return (request, secret) -> Secrets.tokenMatches(secret, request.header(header));
        }

        /** {@code header}, else {@code Authorization: Bearer}, holds the secret itself. */
        static Signature tokenOrBearer(String header) {
            String bearer = "Bearer ";
            return (request, secret) -> {
                String token = request.header(header);
                String authorization = request.header("Authorization");
                if (token == null && authorization != null && authorization.startsWith(bearer)) {
                    token = authorization.substring(bearer.length()).strip();
                }
                return Secrets.tokenMatches(secret, token);
            };
        }
    }
}
