package io.flotilla.observer.delivery;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP POST to send to a destination.
 *
 * @param destination the Git host source or receiver, as {@code git-status/<name>} or {@code notifications/<name>}:
 *                    each has its own queue; shown in logs and the API
 * @param key         what the request is about (a commit and cluster, a notification): a newer request with the same
 *                    key replaces one still queued, since only the latest state is worth sending
 * @param description what the request says, for people: shown in logs and the API, so it never holds a secret
 * @param headers     sent as they are and never shown: they may carry a token
 * @param body        JSON
 */
public record OutboundRequest(String destination, String key, String description, URI uri,
        Map<String, String> headers, String body) {

    public OutboundRequest {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return description + " (to " + destination + ")";
    }
}
