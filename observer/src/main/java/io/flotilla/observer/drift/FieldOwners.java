package io.flotilla.observer.drift;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Who last changed a field, from the live object's {@code metadata.managedFields}: the manager other than Flotilla
 * that owns the field (or its nearest owned parent), with the time of its entry.
 */
public final class FieldOwners {

    /** The manager Flotilla applies with; its own fields are not a change by someone else. */
    public static final String FLOTILLA = "flotilla";

    private FieldOwners() {
    }

    public record Change(String manager, Instant at) {
    }

    /**
     * The latest change by another manager to any of the fields, or null when managedFields name none.
     *
     * @param applied the object as applied, to find list items by their name
     */
    public static Change lastChange(JsonNode live, JsonNode applied, List<String> fields) {
        Change latest = null;
        for (JsonNode entry : live.path("metadata").path("managedFields")) {
            String manager = entry.path("manager").asText(null);
            if (manager == null || manager.equals(FLOTILLA)) {
                continue;
            }
            boolean owns = fields.stream().anyMatch(field -> owns(entry.path("fieldsV1"), applied, field));
            if (owns) {
                Instant at = entry.hasNonNull("time") ? Instant.parse(entry.get("time").asText()) : null;
                if (latest == null || (at != null && (latest.at() == null || at.isAfter(latest.at())))) {
                    latest = new Change(manager, at);
                }
            }
        }
        return latest;
    }

    /**
     * The fields of these that Flotilla did not set as they are now. One it set has a value, no other manager owns
     * it, and Flotilla applied the object: a newer revision than the one compared, applied while its event is on its
     * way, and no drift. A field removed has no owner, and is drift whoever removed it.
     *
     * @param applied the object as applied, to find list items by their name
     */
    public static List<String> notSetByFlotilla(JsonNode live, JsonNode applied, List<String> fields) {
        JsonNode entries = live.path("metadata").path("managedFields");
        boolean flotillaApplied = false;
        for (JsonNode entry : entries) {
            flotillaApplied |= FLOTILLA.equals(entry.path("manager").asText(null));
        }
        if (!flotillaApplied) {
            return fields;
        }
        return fields.stream()
                .filter(field -> live.at(field).isMissingNode() || ownedByAnother(entries, applied, field)).toList();
    }

    private static boolean ownedByAnother(JsonNode entries, JsonNode applied, String field) {
        for (JsonNode entry : entries) {
            String manager = entry.path("manager").asText(null);
            if (manager != null && !manager.equals(FLOTILLA) && owns(entry.path("fieldsV1"), applied, field)) {
                return true;
            }
        }
        return false;
    }

    private static boolean owns(JsonNode fieldsV1, JsonNode applied, String pointer) {
        JsonNode owned = fieldsV1;
        JsonNode object = applied;
        for (String step : pointer.substring(1).split("/")) {
            String key = step.replace("~1", "/").replace("~0", "~");
            if (object.isArray()) {
                JsonNode item = object.path(Integer.parseInt(key));
                owned = item.hasNonNull("name") ? owned.path("k:{\"name\":\"" + item.get("name").asText() + "\"}")
                        : owned.path("i:" + key);
                object = item;
            } else {
                owned = owned.path("f:" + key);
                object = object.path(key);
            }
            if (owned.isMissingNode()) {
                return false;
            }
            if (owned.isObject() && owned.isEmpty()) {
                return true;
            }
        }
        return !owned.isMissingNode();
    }
}
