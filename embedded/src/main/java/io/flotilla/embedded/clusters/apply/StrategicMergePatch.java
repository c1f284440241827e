package io.flotilla.embedded.clusters.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.embedded.clusters.wire.ApiStatus;

/**
 * Strategic merge patch as a real API server applies it to the built-in kinds, for what kubectl and Flotilla send:
 * maps merge key by key as in a merge patch ({@code null} removes a key), but a list with a patch merge key merges
 * item by item by that key instead of being replaced, so {@code kubectl set image} changes one container's image and
 * keeps its env, ports and probes.
 *
 * <p>Real servers read the merge keys from each kind's schema; this keeps a small table of the lists users patch,
 * by field name ({@link #mergeKey}). Lists it does not know are replaced, as a merge patch does. Directives:
 * {@code $patch: replace} on a map or as a list item replaces the map or list, {@code $patch: delete} on a keyed list
 * item removes the item with its key (on a map, the map), {@code $retainKeys} keeps only the keys it names,
 * {@code $deleteFromPrimitiveList/<field>} removes values from a list of primitives and
 * {@code $setElementOrder/<field>} orders the merged list (the items it names first, in its order, then the rest in
 * their order). No directive is ever stored as a field.
 */
final class StrategicMergePatch {

    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String SET_ELEMENT_ORDER = "$setElementOrder/";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    /** The patch merge keys of the lists kubectl users patch, by field name (pod specs, containers, services). */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "ephemeralContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath",
            "imagePullSecrets", "name",
            "hostAliases", "ip",
            "conditions", "type");

    /** Lists of primitives whose strategy is merge: a patch adds its values to the stored ones (a set union). */
    private static final Set<List<String>> PRIMITIVE_SETS = Set.of(List.of("metadata", "finalizers"));

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrategicMergePatch() {
    }

    /** {@code target}, an object of {@code kind}, with {@code patch} merged in. */
    static JsonNode apply(ObjectNode target, String kind, JsonNode patch) {
        if (!patch.isObject()) {
            throw ApiStatus.badRequest("a strategic merge patch must be a JSON object");
        }
        JsonNode merged = new Merge(kind).map(target, (ObjectNode) patch, List.of());
        return merged == null ? NODES.objectNode() : merged;
    }

    /**
     * The patch merge key of the list at {@code path} (field names from the object's root, list items not counted),
     * or {@code null} for a list that is replaced. {@code ports} are a Service's by {@code port} at
     * {@code spec.ports}, a container's by {@code containerPort} anywhere else.
     */
    static String mergeKey(String kind, List<String> path) {
        String field = path.get(path.size() - 1);
        if (field.equals("ports")) {
            return "Service".equals(kind) && path.equals(List.of("spec", "ports")) ? "port" : "containerPort";
        }
        return MERGE_KEYS.get(field);
    }

    /** One patch's merge, which needs the object's kind to tell Service ports from container ports. */
    private record Merge(String kind) {

        /** The merged map, or {@code null} where the patch deletes it ({@code $patch: delete}). */
        ObjectNode map(JsonNode target, ObjectNode patch, List<String> path) {
            String directive = patch.path(PATCH).asText("");
            switch (directive) {
                case "delete" -> {
                    return null;
                }
                case "replace" -> {
                    return map(null, withoutPatchDirective(patch), path);
                }
                case "" -> {
                }
                default -> throw ApiStatus.badRequest("unknown patch directive \"$patch\": \"" + directive + "\" at "
                        + describe(path));
            }
            ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                    : NODES.objectNode();
            Map<String, JsonNode> orders = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                JsonNode value = field.getValue();
                if (name.equals(PATCH) || name.equals(RETAIN_KEYS)) {
                    continue;
                }
                if (name.startsWith(SET_ELEMENT_ORDER)) {
                    orders.put(name.substring(SET_ELEMENT_ORDER.length()), value);
                } else if (name.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                    deleteFromPrimitiveList(result, name.substring(DELETE_FROM_PRIMITIVE_LIST.length()), value);
                } else if (value.isNull()) {
                    result.remove(name);
                } else {
                    JsonNode merged = value(result.get(name), value, append(path, name));
                    if (merged == null) {
                        result.remove(name);
                    } else {
                        result.set(name, merged);
                    }
                }
            }
            orders.forEach((name, order) -> order(result, name, order, append(path, name)));
            if (patch.has(RETAIN_KEYS)) {
                Set<String> retained = new HashSet<>();
                patch.get(RETAIN_KEYS).forEach(key -> retained.add(key.asText()));
                List<String> dropped = new ArrayList<>();
                result.fieldNames().forEachRemaining(name -> {
                    if (!retained.contains(name)) {
                        dropped.add(name);
                    }
                });
                result.remove(dropped);
            }
            return result;
        }

        private JsonNode value(JsonNode target, JsonNode patch, List<String> path) {
            if (patch.isObject()) {
                return map(target, (ObjectNode) patch, path);
            }
            if (patch.isArray()) {
                return list(target, (ArrayNode) patch, path);
            }
            return patch.deepCopy();
        }

        private ArrayNode list(JsonNode target, ArrayNode patch, List<String> path) {
            String key = mergeKey(kind, path);
            boolean replace = false;
            ArrayNode items = NODES.arrayNode();
            for (JsonNode item : patch) {
                if (item.isObject() && item.size() == 1 && "replace".equals(item.path(PATCH).asText())) {
                    replace = true;
                } else {
                    items.add(item);
                }
            }
            ArrayNode stored = target != null && target.isArray() && !replace ? (ArrayNode) target : null;
            if (key != null) {
                return mergedByKey(stored, items, key, path);
            }
            if (stored != null && PRIMITIVE_SETS.contains(path)) {
                ArrayNode union = stored.deepCopy();
                items.forEach(item -> {
                    if (!contains(union, item)) {
                        union.add(item.deepCopy());
                    }
                });
                return union;
            }
            ArrayNode replaced = NODES.arrayNode();
            items.forEach(item -> replaced.add(item.isObject() ? map(null, (ObjectNode) item, path) : item.deepCopy()));
            return replaced;
        }

        private ArrayNode mergedByKey(ArrayNode stored, ArrayNode patch, String key, List<String> path) {
            List<JsonNode> result = new ArrayList<>();
            if (stored != null) {
                stored.forEach(item -> result.add(item.deepCopy()));
            }
            for (JsonNode item : patch) {
                if (!item.isObject() || !item.hasNonNull(key)) {
                    throw new ApiStatus(422, "Invalid", "the strategic merge patch's item " + item + " in "
                            + describe(path) + " does not contain its merge key " + key, null, null, List.of());
                }
                JsonNode keyValue = item.get(key);
                int index = indexOf(result, key, keyValue);
                ObjectNode merged = map(index < 0 ? null : result.get(index), (ObjectNode) item, path);
                if (merged == null) {
                    result.removeIf(existing -> keyValue.equals(existing.get(key)));
                } else if (index < 0) {
                    result.add(merged);
                } else {
                    result.set(index, merged);
                }
            }
            ArrayNode list = NODES.arrayNode();
            result.forEach(list::add);
            return list;
        }

        /**
         * Orders the list {@code name} of {@code result} as {@code order} names its items (by merge key, or by value
         * for primitives); items it does not name follow in their order.
         */
        private void order(ObjectNode result, String name, JsonNode order, List<String> path) {
            if (!(result.get(name) instanceof ArrayNode list) || !order.isArray()) {
                return;
            }
            String key = mergeKey(kind, path);
            List<JsonNode> remaining = new ArrayList<>();
            list.forEach(remaining::add);
            ArrayNode ordered = NODES.arrayNode();
            for (JsonNode wanted : order) {
                JsonNode identity = key == null ? wanted : wanted.get(key);
                for (Iterator<JsonNode> items = remaining.iterator(); items.hasNext();) {
                    JsonNode item = items.next();
                    if (identity != null && identity.equals(key == null ? item : item.get(key))) {
                        ordered.add(item);
                        items.remove();
                    }
                }
            }
            remaining.forEach(ordered::add);
            result.set(name, ordered);
        }
    }

    private static void deleteFromPrimitiveList(ObjectNode result, String name, JsonNode values) {
        if (result.get(name) instanceof ArrayNode list && values.isArray()) {
            ArrayNode kept = NODES.arrayNode();
            list.forEach(item -> {
                if (!contains((ArrayNode) values, item)) {
                    kept.add(item);
                }
            });
            result.set(name, kept);
        }
    }

    private static ObjectNode withoutPatchDirective(ObjectNode patch) {
        ObjectNode copy = patch.deepCopy();
        copy.remove(PATCH);
        return copy;
    }

    private static int indexOf(List<JsonNode> items, String key, JsonNode value) {
        for (int i = 0; i < items.size(); i++) {
            if (value.equals(items.get(i).get(key))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(ArrayNode list, JsonNode value) {
        for (JsonNode item : list) {
            if (item.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> append(List<String> path, String field) {
        List<String> longer = new ArrayList<>(path);
        longer.add(field);
        return List.copyOf(longer);
    }

    private static String describe(List<String> path) {
        return path.isEmpty() ? "the object" : String.join(".", path);
    }
}
