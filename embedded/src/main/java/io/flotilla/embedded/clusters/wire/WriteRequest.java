package io.flotilla.embedded.clusters.wire;

import java.nio.charset.StandardCharsets;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * A write as the API server takes it in: its body as JSON text whatever the client sent it in (Go clients send
 * Secrets and ConfigMaps in protobuf, see {@link ProtobufObjects}), and the field manager the write is recorded
 * under: the {@code fieldManager} parameter, else the client's name from its User-Agent, as a real server does.
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
        return new WriteRequest(method, path, contentType, body, manager(path, request));
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
