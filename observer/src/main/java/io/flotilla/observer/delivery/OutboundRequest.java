package io.flotilla.observer.delivery;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP request to send to a destination: a POST, or the PATCH or PUT that edits what an earlier POST created.
 *
 * @param destination the Git host source or receiver, as {@code git-status/<name>} or {@code notifications/<name>}:
 *                    each has its own queue; shown in logs and the API
 * @param key         what the request is about (a commit and cluster, a notification): a newer request with the same
 *                    key replaces one still queued, since only the latest state is worth sending
 * @param description what the request says, for people: shown in logs and the API, so it never holds a secret
 * @param headers     sent as they are and never shown: they may carry a token
 * @param method      {@code POST}, {@code PATCH} or {@code PUT}
 * @param body        JSON
 */
public record OutboundRequest(String destination, String key, String description, String method, URI uri,
        Map<String, String> headers, String body) {

    public OutboundRequest {
        headers = Map.copyOf(headers);
    }

    /** A POST. */
    public OutboundRequest(String destination, String key, String description, URI uri, Map<String, String> headers,
            String body) {
        this(destination, key, description, "POST", uri, headers, body);
    }

    @Override
    public String toString() {
        return description + " (to " + destination + ")";
    }
}
