package io.flotilla.embedded.clusters.apply;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fields of an object as field managers own them: paths to the leaves of its JSON tree. Lists count as one
 * field (a real API server tracks items of keyed lists, such as containers by name, one by one; Flotilla owns whole
 * objects, so the difference never shows). Identity and bookkeeping fields, and status, belong to no manager.
 */
final class FieldPaths {

    private static final Set<List<String>> UNOWNED = Set.of(
            List.of("apiVersion"),
            List.of("kind"),
            List.of("status"),
            List.of("metadata", "name"),
            List.of("metadata", "namespace"),
            List.of("metadata", "uid"),
            List.of("metadata", "resourceVersion"),
            List.of("metadata", "generation"),
            List.of("metadata", "creationTimestamp"),
            List.of("metadata", "deletionTimestamp"),
            List.of("metadata", "deletionGracePeriodSeconds"),
            List.of("metadata", "managedFields"),
            List.of("metadata", "selfLink"));

    private FieldPaths() {
    }

    /** Every owned leaf path of {@code object}. */
    static Set<List<String>> of(JsonNode object) {
        Set<List<String>> paths = new LinkedHashSet<>();
        collect(object, new ArrayList<>(), paths);
        return paths;
    }

    /** Whether one path contains the other: owning {@code spec} touches {@code spec.replicas}, and back. */
    static boolean overlap(List<String> a, List<String> b) {
        int common = Math.min(a.size(), b.size());
        return a.subList(0, common).equals(b.subList(0, common));
    }

    static boolean overlapsAny(List<String> path, Set<List<String>> paths) {
        return paths.stream().anyMatch(other -> overlap(path, other));
    }

    static JsonNode value(JsonNode object, List<String> path) {
        JsonNode node = object;
        for (String segment : path) {
            node = node == null ? null : node.get(segment);
            if (node == null) {
                return MissingNode.getInstance();
            }
        }
        return node;
    }

    static void set(ObjectNode object, List<String> path, JsonNode value) {
        ObjectNode parent = object;
        for (String segment : path.subList(0, path.size() - 1)) {
            JsonNode child = parent.get(segment);
            if (!(child instanceof ObjectNode)) {
                child = parent.putObject(segment);
            }
            parent = (ObjectNode) child;
        }
        parent.set(path.get(path.size() - 1), value);
    }

    static void remove(ObjectNode object, List<String> path) {
        JsonNode parent = value(object, path.subList(0, path.size() - 1));
        if (parent instanceof ObjectNode map) {
            map.remove(path.get(path.size() - 1));
        }
    }

    /** The {@code fieldsV1} form: {@code {"f:spec":{"f:replicas":{}}}}. */
    static ObjectNode toFieldsV1(Set<List<String>> paths) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (List<String> path : paths) {
            ObjectNode node = root;
            for (String segment : path) {
                JsonNode child = node.get("f:" + segment);
                node = child instanceof ObjectNode existing ? existing : node.putObject("f:" + segment);
            }
        }
        return root;
    }

    static Set<List<String>> fromFieldsV1(JsonNode fieldsV1) {
        Set<List<String>> paths = new LinkedHashSet<>();
        readFieldsV1(fieldsV1, new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(JsonNode node, List<String> path, Set<List<String>> paths) {
        if (UNOWNED.contains(path)) {
            return;
        }
        if (node.isObject() && (node.size() > 0 || path.isEmpty())) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isNull()) {
                    path.add(field.getKey());
                    collect(field.getValue(), path, paths);
                    path.remove(path.size() - 1);
                }
            }
        } else if (!path.isEmpty()) {
            paths.add(List.copyOf(path));
        }
    }

    private static void readFieldsV1(JsonNode node, List<String> path, Set<List<String>> paths) {
        boolean hasFields = false;
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().startsWith("f:")) {
                hasFields = true;
                path.add(field.getKey().substring(2));
                readFieldsV1(field.getValue(), path, paths);
                path.remove(path.size() - 1);
            }
        }
        if (!hasFields && !path.isEmpty()) {
            paths.add(List.copyOf(path));
        }
    }
}
