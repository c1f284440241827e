package io.flotilla.embedded.clusters.apply;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.zjsonpatch.JsonPatch;
import io.flotilla.embedded.clusters.wire.ApiStatus;
import io.flotilla.embedded.clusters.wire.JsonBodies;

/**
 * The kinds of PATCH a client sends, told apart by their media type: server-side apply (see {@link ManagedFields}),
 * JSON patch (RFC 6902), JSON merge patch (RFC 7386, {@link MergePatch}) and strategic merge patch
 * ({@link StrategicMergePatch}, which merges lists with a patch merge key item by item).
 */
public final class Patches {

    private static final String APPLY_PATCH = "application/apply-patch+yaml";
    private static final String JSON_PATCH = "application/json-patch+json";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";

    private Patches() {
    }

    /** Whether a PATCH of {@code contentType} is a server-side apply. */
    public static boolean isApply(String contentType) {
        return mediaType(contentType).equals(APPLY_PATCH);
    }

    /** {@code current} with the patch in {@code body} applied; a server-side apply goes through {@link ManagedFields}. */
    public static ObjectNode patched(ObjectNode current, String contentType, String body) {
        JsonNode patch = JsonBodies.value(body);
        JsonNode patched = switch (mediaType(contentType)) {
            case JSON_PATCH -> jsonPatch(patch, current);
            case MERGE_PATCH -> MergePatch.apply(current, patch);
            case STRATEGIC_MERGE_PATCH -> StrategicMergePatch.apply(current, current.path("kind").asText(), patch);
            default -> throw ApiStatus.unsupportedMediaType(contentType);
        };
        if (!(patched instanceof ObjectNode object)) {
            throw ApiStatus.badRequest("the patch does not leave an object");
        }
        return object;
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static JsonNode jsonPatch(JsonNode patch, ObjectNode current) {
        try {
            return JsonPatch.apply(patch, current);
        } catch (RuntimeException e) {
            throw new ApiStatus(422, "Invalid", "the JSON patch cannot be applied: " + e.getMessage(), null, null,
                    List.of());
        }
    }
}
