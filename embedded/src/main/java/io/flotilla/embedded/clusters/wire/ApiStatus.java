package io.flotilla.embedded.clusters.wire;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.mockwebserver.http.MockResponse;

/** The {@code Status} object a real API server answers with when it refuses a request. */
public final class ApiStatus extends RuntimeException {

    private final int code;
    private final String reason;
    private final String kind;
    private final String name;
    private final List<Cause> causes;

    public record Cause(String type, String message, String field) {
    }

    public ApiStatus(int code, String reason, String message, String kind, String name, List<Cause> causes) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.kind = kind;
        this.name = name;
        this.causes = causes;
    }

    public static ApiStatus notFound(String resource, String name) {
        return new ApiStatus(404, "NotFound", resource + " \"" + name + "\" not found", resource, name, List.of());
    }

    public static ApiStatus alreadyExists(String resource, String name) {
        return new ApiStatus(409, "AlreadyExists", resource + " \"" + name + "\" already exists", resource, name,
                List.of());
    }

    public static ApiStatus forbidden(String resource, String name, String message) {
        return new ApiStatus(403, "Forbidden", message, resource, name, List.of());
    }

    /**
     * A validating admission webhook's refusal as the API server words it; 403 Forbidden, the code Gatekeeper's
     * denials carry (a webhook that sets none gets 400).
     */
    public static ApiStatus deniedByWebhook(String webhook, String message) {
        return new ApiStatus(403, "Forbidden", "admission webhook \"" + webhook + "\" denied the request: " + message,
                null, null, List.of());
    }

    public static ApiStatus badRequest(String message) {
        return new ApiStatus(400, "BadRequest", message, null, null, List.of());
    }

    public static ApiStatus invalid(String kind, String name, String field, String message) {
        return new ApiStatus(422, "Invalid", kind + " \"" + name + "\" is invalid: " + field + ": " + message, kind,
                name, List.of(new Cause("FieldValueInvalid", message, field)));
    }

    public static ApiStatus unsupportedMediaType(String contentType) {
        return new ApiStatus(415, "UnsupportedMediaType", "the body of the request was in an unknown format: "
                + contentType, null, null, List.of());
    }

    public MockResponse toResponse() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode status = json.objectNode()
                .put("kind", "Status")
                .put("apiVersion", "v1")
                .put("status", "Failure")
                .put("message", getMessage())
                .put("reason", reason)
                .put("code", code);
        status.putObject("metadata");
        if (kind != null || !causes.isEmpty()) {
            ObjectNode details = status.putObject("details");
            if (name != null) {
                details.put("name", name);
            }
            if (kind != null) {
                details.put("kind", kind);
            }
            if (!causes.isEmpty()) {
                ArrayNode list = details.putArray("causes");
                causes.forEach(cause -> list.addObject().put("reason", cause.type()).put("message", cause.message())
                        .put("field", cause.field()));
            }
        }
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(status.toString());
    }
}
