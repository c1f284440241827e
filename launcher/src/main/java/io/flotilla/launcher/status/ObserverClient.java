package io.flotilla.launcher.status;

import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.cli.JsonHttp;

/** Reads the fleet through the observer's API, as the command line and the benchmark see it. */
public final class ObserverClient {

    private final JsonHttp api;

    /** @param observer where the observer answers, with the token to call it with */
    public ObserverClient(Endpoint observer) {
        this.api = new JsonHttp("observer", observer);
    }

    public List<ReleaseRow> releases() {
        return api.get("api/releases", new TypeReference<List<ReleaseRow>>() {
        });
    }

    /** The journey of one commit (or drift, or image): every event that carries its correlation id. */
    public List<JsonNode> events(String correlationId) {
        return api.get("api/events?correlationId=" + correlationId, new TypeReference<List<JsonNode>>() {
        });
    }

    /** The most recent events of the whole fleet. */
    public List<JsonNode> latestEvents() {
        return api.get("api/events", new TypeReference<List<JsonNode>>() {
        });
    }
}
