package io.flotilla.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.EventCodec;
import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.stack.StackException;

/** A service of the running stack over HTTP, as a benchmark calls it; an unexpected answer fails with the request. */
public final class ServiceHttp {

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** @param service where the service answers, and the token it is called with (none for webhooks) */
    public ServiceHttp(Endpoint service) {
        this.baseUrl = service.url();
        this.token = service.token();
    }

    /** The body of {@code GET path}, which must answer 200. */
    public String text(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), "GET " + path);
        if (response.statusCode() != 200) {
            throw new StackException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    public JsonNode json(String path) {
        try {
            return EventCodec.mapper().readTree(text(path));
        } catch (IOException e) {
            throw new StackException("GET " + path + " answered no JSON: " + e.getMessage(), e);
        }
    }

    /** {@code POST path} of a JSON body with these headers, which must answer {@code expected}. */
    public void post(String path, byte[] body, Map<String, String> headers, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response = send(request, "POST " + path);
        if (response.statusCode() != expected) {
            throw new StackException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** {@code value} as a JSON body. */
    public static byte[] json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        try {
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StackException(what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }
}
