package io.flotilla.launcher.status;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.EventCodec;
import io.flotilla.launcher.stack.StackException;

/** Reads the fleet through the observer's API, as the command line and the benchmark see it. */
public final class ObserverClient {

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ObserverClient(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    public List<ReleaseRow> releases() {
        return get("api/releases", new TypeReference<List<ReleaseRow>>() {
        });
    }

    /** The journey of one commit (or drift, or image): every event that carries its correlation id. */
    public List<JsonNode> events(String correlationId) {
        return get("api/events?correlationId=" + correlationId, new TypeReference<List<JsonNode>>() {
        });
    }

    /** The most recent events of the whole fleet. */
    public List<JsonNode> latestEvents() {
        return get("api/events", new TypeReference<List<JsonNode>>() {
        });
    }

    private <T> T get(String path, TypeReference<T> type) {
        URI uri = base.resolve(path);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new StackException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return EventCodec.mapper().readValue(response.body(), type);
        } catch (ConnectException e) {
            throw new StackException("the observer does not answer at " + uri + ": is Flotilla running? ('./flotilla up')", e);
        } catch (IOException e) {
            throw new StackException("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while reading " + uri, e);
        }
    }
}
