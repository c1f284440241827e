package io.flotilla.embedded.clusters.wire;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * A write as the API server takes it in: its body as JSON text whatever the client sent it in (Go clients send
 * Secrets and ConfigMaps in protobuf, see {@link ProtobufObjects}), and the field manager the write is recorded
 * under: the {@code fieldManager} parameter, else the client's name from its User-Agent, as a real server does.
 * A delete asks for a dry run in its query or in the {@code dryRun} of its DeleteOptions body, as kubectl does;
 * either way its {@link #path()} carries {@code dryRun=All}.
 *
 * @param contentType the media type the client sent, as it sent it; null when it sent none
 */
public record WriteRequest(HttpMethod method, ApiPath path, String contentType, String body, String manager) {

    /** Reads the body of {@code request}; only creates and replaces may come in protobuf. */
    public static WriteRequest of(HttpMethod method, ApiPath path, RecordedRequest request) {
        byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody().readByteArray();
        String contentType = request.getHeader("Content-Type");
        boolean protobuf = contentType != null && contentType.startsWith(ProtobufObjects.MEDIA_TYPE);
        if (protobuf && method != HttpMethod.POST && method != HttpMethod.PUT) {
            throw ApiStatus.unsupportedMediaType(contentType);
        }
        String body = protobuf ? ProtobufObjects.toJson(bytes).toString() : new String(bytes, StandardCharsets.UTF_8);
        ApiPath asked = method == HttpMethod.DELETE && optionsAskDryRun(body) ? path.asDryRun() : path;
        return new WriteRequest(method, asked, contentType, body, manager(path, request));
    }

    private static boolean optionsAskDryRun(String body) {
        if (body.isBlank()) {
            return false;
        }
        for (JsonNode mode : JsonBodies.value(body).path("dryRun")) {
            if ("All".equals(mode.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String manager(ApiPath path, RecordedRequest request) {
        String manager = path.query().get("fieldManager");
        if (manager != null && !manager.isEmpty()) {
            return manager;
        }
        String userAgent = request.getHeader("User-Agent");
        return userAgent == null || userAgent.isBlank() ? "unknown" : userAgent.split("/")[0];
    }
}
