package io.flotilla.embedded.clusters.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.mockwebserver.http.MockResponse;

/**
 * Request bodies read as JSON (or YAML, as server-side apply sends them) and answers written as JSON. A body that
 * cannot be read is the client's mistake, answered as a real API server does: 400 Bad Request.
 */
public final class JsonBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private JsonBodies() {
    }

    /** The object a JSON body holds. */
    public static ObjectNode object(String body) {
        return object(body, JSON);
    }

    /** The object a YAML body holds (JSON is YAML too). */
    public static ObjectNode objectFromYaml(String body) {
        return object(body, YAML);
    }

    /** Whatever JSON value a body holds: a JSON patch is an array. */
    public static JsonNode value(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw undecodable(e);
        }
    }

    /** An answer with {@code body} as JSON. */
    public static MockResponse response(int code, JsonNode body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(body.toString());
    }

    private static ObjectNode object(String body, ObjectMapper mapper) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw undecodable(e);
        }
        throw ApiStatus.badRequest("the body of the request is not an object");
    }

    private static ApiStatus undecodable(JsonProcessingException e) {
        return ApiStatus.badRequest("the body of the request cannot be decoded: " + e.getOriginalMessage());
    }
}
