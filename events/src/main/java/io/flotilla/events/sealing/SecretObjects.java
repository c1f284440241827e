package io.flotilla.events.sealing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of the Secret objects of a rendering, sealed where the rendering leaves the renderer and opened only
 * where it is applied. Every value of a Secret's {@code data} and {@code stringData} is replaced by its sealed text
 * under the same key, so the keys stay readable (diffs, drift, the dashboard name them) and the rest of the object
 * is untouched. One data key seals the whole rendering.
 */
public final class SecretObjects {

    private static final List<String> FIELDS = List.of("data", "stringData");

    private SecretObjects() {
    }

    /** {@code objects} with every Secret's values sealed with a fresh data key of {@code keys}. */
    public static List<Map<String, Object>> seal(List<Map<String, Object>> objects, KeyRing keys) {
        if (objects.stream().noneMatch(SecretObjects::hasData)) {
            return objects;
        }
        DataKey dataKey = keys.newDataKey();
        List<Map<String, Object>> sealed = new ArrayList<>(objects.size());
        for (Map<String, Object> object : objects) {
            sealed.add(hasData(object) ? transform(object, (value, context) -> KeyRing.isSealed(value) ? value
                    : dataKey.seal(value, context)) : object);
        }
        return sealed;
    }

    /**
     * {@code objects} with every Secret's sealed values opened; values that were never sealed are left as they are.
     *
     * @throws SealingException naming the Secret and the key that does not open, and why
     */
    public static List<Map<String, Object>> open(List<Map<String, Object>> objects, KeyRing keys) {
        List<Map<String, Object>> opened = new ArrayList<>(objects.size());
        for (Map<String, Object> object : objects) {
            opened.add(hasData(object) ? transform(object, (value, context) -> {
                if (!KeyRing.isSealed(value)) {
                    return value;
                }
                try {
                    return keys.open(value, context);
                } catch (SealingException e) {
                    throw new SealingException(context + " cannot be opened: " + e.getMessage(), e);
                }
            }) : object);
        }
        return opened;
    }

    /** Whether {@code object} is a Secret with data or stringData. */
    public static boolean hasData(Map<String, Object> object) {
        return "v1".equals(object.get("apiVersion")) && "Secret".equals(object.get("kind"))
                && FIELDS.stream().anyMatch(field -> object.get(field) instanceof Map<?, ?> values && !values.isEmpty());
    }

    private static Map<String, Object> transform(Map<String, Object> secret, ValueChange change) {
        Map<String, Object> changed = new LinkedHashMap<>(secret);
        String name = secret.get("metadata") instanceof Map<?, ?> metadata ? String.valueOf(metadata.get("name")) : "";
        for (String field : FIELDS) {
            if (secret.get(field) instanceof Map<?, ?> values) {
                Map<String, Object> replaced = new LinkedHashMap<>();
                values.forEach((key, value) -> replaced.put(String.valueOf(key), value == null ? null
                        : change.apply(String.valueOf(value), "Secret " + name + " " + field + "." + key)));
                changed.put(field, replaced);
            }
        }
        return changed;
    }

    @FunctionalInterface
    private interface ValueChange {
        String apply(String value, String context);
    }
}
