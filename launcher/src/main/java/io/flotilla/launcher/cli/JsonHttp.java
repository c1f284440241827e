package io.flotilla.launcher.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.flotilla.events.EventCodec;
import io.flotilla.launcher.stack.StackException;

/**
 * One Flotilla service's JSON API, as the command line calls it: a service that does not answer, or answers
 * otherwise than expected, is a {@link StackException} naming the service, the address and what it said.
 */
public final class JsonHttp {

    private final String service;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param service the service's name, for messages
     * @param baseUrl where it answers, such as {@code http://localhost:8083}
     */
    public JsonHttp(String service, String baseUrl) {
        this.service = service;
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    /** GETs {@code path} (relative to the base), expecting 200. */
    public <T> T get(String path, TypeReference<T> type) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), 200, type);
    }

    /** POSTs {@code body} as JSON (null: nothing) to {@code path} (relative to the base), expecting {@code status}. */
    public <T> T post(String path, Object body, int status, TypeReference<T> type) {
        if (body == null) {
            return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()), status,
                    type);
        }
        String json;
        try {
            json = EventCodec.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request to the " + service + " as JSON", e);
        }
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), status, type);
    }

    private <T> T send(HttpRequest.Builder builder, int expected, TypeReference<T> type) {
        HttpRequest request = builder.timeout(Duration.ofSeconds(30)).build();
        String call = request.method() + " " + request.uri();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new StackException(call + ": the " + service + " answered " + response.statusCode()
                        + (response.body().isBlank() ? "" : ": " + response.body().strip()));
            }
            return EventCodec.mapper().readValue(response.body(), type);
        } catch (ConnectException e) {
            throw new StackException("the " + service + " does not answer at " + request.uri()
                    + ": is Flotilla running? ('./flotilla up')", e);
        } catch (IOException e) {
            throw new StackException(call + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while calling " + call, e);
        }
    }
}
