package io.flotilla.embedded.clusters;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.embedded.clusters.wire.ApiPath;
import io.flotilla.embedded.clusters.wire.ApiStatus;

/**
 * What the API server checks of every object written, whatever the kind of write: that it says what it is and
 * where it belongs, matching the URL it was sent to, and, when it names a resourceVersion, that it was read from the
 * version stored (optimistic concurrency). No schema is checked: a simulated cluster knows none.
 */
final class ObjectValidation {

    private ObjectValidation() {
    }

    /** {@code creating}: a name may be left to the server ({@code generateName}). */
    static void checkIdentity(ApiPath path, ObjectNode object, boolean creating) {
        String kind = object.path("kind").asText("");
        if (kind.isEmpty()) {
            throw ApiStatus.badRequest("Object 'Kind' is missing in '" + abbreviated(object) + "'");
        }
        if (object.path("apiVersion").asText("").isEmpty()) {
            throw ApiStatus.badRequest("Object 'apiVersion' is missing in '" + abbreviated(object) + "'");
        }
        if (!object.path("metadata").isObject()) {
            throw ApiStatus.invalid(kind, "", "metadata.name", "Required value: name or generateName is required");
        }
        JsonNode metadata = object.get("metadata");
        String name = metadata.path("name").asText("");
        if (name.isEmpty() && !(creating && !metadata.path("generateName").asText("").isEmpty())) {
            throw ApiStatus.invalid(kind, "", "metadata.name", "Required value: name or generateName is required");
        }
        if (path.name() != null && !name.isEmpty() && !name.equals(path.name())) {
            throw ApiStatus.badRequest("the name of the object (" + name + ") does not match the name on the URL ("
                    + path.name() + ")");
        }
        String namespace = metadata.path("namespace").asText("");
        if (path.isNamespaced() && !namespace.isEmpty() && !namespace.equals(path.namespace())) {
            throw ApiStatus.badRequest("the namespace of the provided object does not match the namespace sent on "
                    + "the request");
        }
    }

    static void checkResourceVersion(ObjectNode current, ObjectNode object) {
        String expected = object.path("metadata").path("resourceVersion").asText("");
        if (!expected.isEmpty() && !expected.equals(current.path("metadata").path("resourceVersion").asText())) {
            throw new ApiStatus(409, "Conflict", "Operation cannot be fulfilled on " + object.path("kind").asText()
                    + " \"" + object.path("metadata").path("name").asText() + "\": the object has been modified; "
                    + "please apply your changes to the latest version and try again", object.path("kind").asText(),
                    object.path("metadata").path("name").asText(), List.of());
        }
    }

    private static String abbreviated(JsonNode object) {
        String text = object.toString();
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
