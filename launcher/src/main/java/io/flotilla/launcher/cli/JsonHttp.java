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
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.EventCodec;
import io.flotilla.launcher.stack.StackException;

/**
 * One Flotilla service's JSON API, as the command line calls it: a service that does not answer, or answers
 * otherwise than expected, is a {@link StackException} naming the service, the address and what it said (the
 * {@code message} of a JSON error, else the body as it came).
 */
public final class JsonHttp {

    /** Any status of the 2xx family: the call did what it asked. */
    public static final int SUCCESS = 0;

    private final String service;
    private final URI base;
    private final String token;
    /**
     * HTTP/1.1: the services speak HTTP/1.1 without TLS, and the JDK client's offer to upgrade such a connection to
     * HTTP/2 ({@code Upgrade: h2c}) broke on a large answer (the observer's events: "Frame type(121) length(4860752)
     * exceeds MAX_FRAME_SIZE").
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param service  the service's name, for messages
     * @param endpoint where it answers, and the token to send it ({@code Authorization: Bearer}), if any
     */
    public JsonHttp(String service, Endpoint endpoint) {
        this.service = service;
        this.base = URI.create(endpoint.url().endsWith("/") ? endpoint.url() : endpoint.url() + "/");
        this.token = endpoint.token();
    }

    /** GETs {@code path} (relative to the base), expecting 200. */
    public <T> T get(String path, TypeReference<T> type) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), 200, type);
    }

    /**
     * POSTs {@code body} as JSON (null: nothing) to {@code path} (relative to the base), expecting {@code status}
     * ({@link #SUCCESS}: any 2xx).
     */
    public <T> T post(String path, Object body, int status, TypeReference<T> type) {
        return send(withBody(HttpRequest.newBuilder(base.resolve(path)), "POST", body), status, type);
    }

    /** PUTs {@code body} as JSON to {@code path} (relative to the base), expecting any 2xx. */
    public <T> T put(String path, Object body, TypeReference<T> type) {
        return send(withBody(HttpRequest.newBuilder(base.resolve(path)), "PUT", body), SUCCESS, type);
    }

    /** DELETEs {@code path} (relative to the base), expecting any 2xx; null when the answer has no body. */
    public <T> T delete(String path, TypeReference<T> type) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE(), SUCCESS, type);
    }

    private HttpRequest.Builder withBody(HttpRequest.Builder builder, String method, Object body) {
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String json;
        try {
            json = EventCodec.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request to the " + service + " as JSON", e);
        }
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
    }

    private <T> T send(HttpRequest.Builder builder, int expected, TypeReference<T> type) {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.timeout(Duration.ofSeconds(30)).build();
        String call = request.method() + " " + request.uri();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            boolean expectedStatus = expected == SUCCESS ? response.statusCode() / 100 == 2
                    : response.statusCode() == expected;
            if (!expectedStatus) {
                throw new StackException(call + ": the " + service + " answered " + response.statusCode()
                        + (response.body().isBlank() ? "" : ": " + said(response.body())));
            }
            return response.body().isBlank() ? null : EventCodec.mapper().readValue(response.body(), type);
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

    /** What a refusal says: a JSON error's {@code message}, else the body as it is. */
    private static String said(String body) {
        try {
            JsonNode error = EventCodec.mapper().readTree(body);
            if (error != null && error.path("message").isTextual()) {
                return error.path("message").asText();
            }
        } catch (JsonProcessingException notJson) {
            // said in plain text
        }
        return body.strip();
    }
}
