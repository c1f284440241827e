package io.flotilla.observer.drift;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.flotilla.events.sealing.KeyRing;

/**
 * The fields Flotilla applied that the live object no longer has as applied, as JSON pointers. Only what was
 * applied is compared: fields the server or others added (status, defaults, managed metadata) are not drift.
 * List items that have a {@code name} are matched by name, others by position. Resource quantities are compared by
 * amount ({@code 1} and {@code 1000m} are equal), as the API server rewrites them. A Secret's values travel sealed
 * and the observer cannot open them, so for them only a key gone from the live Secret is drift (a {@code stringData}
 * key is looked for in {@code data}, where the API server keeps it); a value changed by hand is not seen here.
 */
public final class DriftDetector {

    private DriftDetector() {
    }

    /**
     * @param ignored JSON pointers whose value, and everything under it, may differ
     */
    public static List<String> differingFields(JsonNode applied, JsonNode live, List<String> ignored) {
        List<String> differing = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = applied.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals("status") || name.equals("apiVersion") || name.equals("kind")) {
                continue;
            }
            if (name.equals("metadata")) {
                for (String kept : List.of("labels", "annotations")) {
                    compare(field.getValue().path(kept), live.path("metadata").path(kept), "/metadata/" + kept, ignored,
                            differing);
                }
                continue;
            }
            if (name.equals("stringData") && field.getValue().isObject()) {
                compareSealed(field.getValue(), live.path("data"), "/stringData", ignored, differing);
                continue;
            }
            compare(field.getValue(), live.path(name), "/" + escape(name), ignored, differing);
        }
        return differing;
    }

    /** {@code stringData}, which the API server keeps in {@code data} in base64; a sealed value only by its key. */
    private static void compareSealed(JsonNode applied, JsonNode liveData, String path, List<String> ignored,
            List<String> differing) {
        applied.fields().forEachRemaining(field -> {
            String at = path + "/" + escape(field.getKey());
            String value = field.getValue().asText();
            JsonNode live = liveData.path(field.getKey());
            boolean same = KeyRing.isSealed(value) ? live.isTextual()
                    : live.asText().equals(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            if (!same && !isIgnored(at, ignored)) {
                differing.add(at);
            }
        });
    }

    private static void compare(JsonNode applied, JsonNode live, String path, List<String> ignored, List<String> differing) {
        if (applied.isMissingNode() || applied.isNull() || isIgnored(path, ignored)) {
            return;
        }
        if (applied.isObject()) {
            if (!live.isObject()) {
                differing.add(path);
                return;
            }
            applied.fields().forEachRemaining(field -> compare(field.getValue(), live.path(field.getKey()),
                    path + "/" + escape(field.getKey()), ignored, differing));
        } else if (applied.isArray()) {
            compareItems(applied, live, path, ignored, differing);
        } else if (applied.isTextual() && KeyRing.isSealed(applied.asText())) {
            if (!live.isValueNode()) {
                differing.add(path);
            }
        } else if (!live.isValueNode() || !sameValue(applied.asText(), live.asText(), path)) {
            differing.add(path);
        }
    }

    private static boolean sameValue(String applied, String live, String path) {
        return applied.equals(live) || (Quantities.isQuantity(path) && Quantities.sameAmount(applied, live));
    }

    private static void compareItems(JsonNode applied, JsonNode live, String path, List<String> ignored,
            List<String> differing) {
        if (!live.isArray()) {
            differing.add(path);
            return;
        }
        boolean scalars = applied.size() > 0 && applied.get(0).isValueNode();
        if (scalars && applied.size() != live.size()) {
            differing.add(path);
            return;
        }
        for (int i = 0; i < applied.size(); i++) {
            JsonNode item = applied.get(i);
            JsonNode match = item.hasNonNull("name") ? named(live, item.get("name").asText()) : live.path(i);
            if (match.isMissingNode()) {
                differing.add(path + "/" + i);
            } else {
                compare(item, match, path + "/" + i, ignored, differing);
            }
        }
    }

    private static JsonNode named(JsonNode items, String name) {
        for (JsonNode item : items) {
            if (name.equals(item.path("name").asText(null))) {
                return item;
            }
        }
        return MissingNode.getInstance();
    }

    private static boolean isIgnored(String path, List<String> ignored) {
        for (String prefix : ignored) {
            if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    /** A key as a JSON pointer writes it (RFC 6901). */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
