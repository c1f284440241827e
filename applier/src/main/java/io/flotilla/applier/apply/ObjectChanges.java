package io.flotilla.applier.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields that differ between an object as it is on the cluster and as applying the release would leave it, by
 * path ({@code spec.replicas}, {@code spec.template.spec.containers[0].image}). What the API server keeps for itself
 * ({@code status}, {@code metadata.managedFields}, {@code resourceVersion}, {@code generation}, {@code uid},
 * {@code creationTimestamp}) is left out. A Secret's {@code data} and {@code stringData} values are never shown:
 * only that they change.
 */
final class ObjectChanges {

    static final String HIDDEN = "(hidden)";
    /** A Secret's fields whose values are hidden, whole (a Secret given data for the first time) or key by key. */
    private static final List<String> SECRET_FIELDS = List.of("data", "stringData");
    private static final Set<String> SERVER_METADATA = Set.of("managedFields", "resourceVersion", "generation", "uid",
            "creationTimestamp");

    private ObjectChanges() {
    }

    static List<FieldChange> between(Map<String, Object> live, Map<String, Object> applied) {
        List<FieldChange> changes = new ArrayList<>();
        boolean secret = "Secret".equals(applied.get("kind")) && "v1".equals(applied.get("apiVersion"));
        compare("", withoutServerFields(live), withoutServerFields(applied), secret, changes);
        return changes;
    }

    private static Map<String, Object> withoutServerFields(Map<String, Object> object) {
        Map<String, Object> kept = new LinkedHashMap<>(object);
        kept.remove("status");
        if (kept.get("metadata") instanceof Map<?, ?> metadata) {
            Map<String, Object> trimmed = new LinkedHashMap<>();
            metadata.forEach((key, value) -> {
                if (!SERVER_METADATA.contains(String.valueOf(key))) {
                    trimmed.put(String.valueOf(key), value);
                }
            });
            kept.put("metadata", trimmed);
        }
        return kept;
    }

    private static void compare(String path, Object before, Object after, boolean secret, List<FieldChange> changes) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before instanceof Map<?, ?> beforeMap && after instanceof Map<?, ?> afterMap) {
            Set<String> keys = new TreeSet<>();
            beforeMap.keySet().forEach(key -> keys.add(String.valueOf(key)));
            afterMap.keySet().forEach(key -> keys.add(String.valueOf(key)));
            for (String key : keys) {
                compare(path.isEmpty() ? key : path + "." + key, beforeMap.get(key), afterMap.get(key), secret,
                        changes);
            }
            return;
        }
        if (before instanceof List<?> beforeList && after instanceof List<?> afterList) {
            for (int i = 0; i < Math.max(beforeList.size(), afterList.size()); i++) {
                compare(path + "[" + i + "]", i < beforeList.size() ? beforeList.get(i) : null,
                        i < afterList.size() ? afterList.get(i) : null, secret, changes);
            }
            return;
        }
        boolean hidden = secret && SECRET_FIELDS.stream()
                .anyMatch(field -> path.equals(field) || path.startsWith(field + "."));
        changes.add(new FieldChange(path, hidden && before != null ? HIDDEN : before,
                hidden && after != null ? HIDDEN : after));
    }
}
