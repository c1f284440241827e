package io.flotilla.events.sealing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of the Secret objects of a rendering, sealed where the rendering leaves the renderer and opened only
 * where it is applied. Every value of a Secret's {@code data} and {@code stringData} is replaced by its sealed text
 * under the same key, so the keys stay readable (diffs, drift, the dashboard name them) and the rest of the object
 * is untouched. One data key seals the whole rendering. Each value is bound to its place: the Secret's namespace (the
 * release's, where the object names none, as it is applied there) and name, the field and the key, so a value moved
 * to another Secret, of the same name in another namespace too, does not open there.
 */
public final class SecretObjects {

    private static final List<String> FIELDS = List.of("data", "stringData");

    private SecretObjects() {
    }

    /**
     * {@code objects} with every Secret's values sealed with a fresh data key of {@code keys}.
     *
     * @param releaseNamespace the namespace of the release, where a Secret that names none is applied
     */
    public static List<Map<String, Object>> seal(List<Map<String, Object>> objects, KeyRing keys,
            String releaseNamespace) {
        if (objects.stream().noneMatch(SecretObjects::hasData)) {
            return objects;
        }
        DataKey dataKey = keys.newDataKey();
        List<Map<String, Object>> sealed = new ArrayList<>(objects.size());
        for (Map<String, Object> object : objects) {
            sealed.add(hasData(object) ? transform(object, releaseNamespace, (value, context, legacy) ->
                    KeyRing.isSealed(value) ? value : dataKey.seal(value, context)) : object);
        }
        return sealed;
    }

    /**
     * {@code objects} with every Secret's sealed values opened; values that were never sealed are left as they are.
     * A value sealed before values were bound to their namespace opens in the place it was sealed for (the Secret's
     * name) until it is sealed again by the next rendering of its release.
     *
     * @param releaseNamespace the namespace of the release, where a Secret that names none is applied
     * @throws SealingException naming the Secret and the key that does not open, and why
     */
    public static List<Map<String, Object>> open(List<Map<String, Object>> objects, KeyRing keys,
            String releaseNamespace) {
        List<Map<String, Object>> opened = new ArrayList<>(objects.size());
        for (Map<String, Object> object : objects) {
            opened.add(hasData(object) ? transform(object, releaseNamespace, (value, context, legacy) -> {
                if (!KeyRing.isSealed(value)) {
                    return value;
                }
                try {
                    return keys.open(value, context);
                } catch (SealingException e) {
                    try {
                        return keys.open(value, legacy);
                    } catch (SealingException notLegacy) {
                        throw new SealingException(context + " cannot be opened: " + e.getMessage(), e);
                    }
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

    private static Map<String, Object> transform(Map<String, Object> secret, String releaseNamespace,
            ValueChange change) {
        Map<String, Object> changed = new LinkedHashMap<>(secret);
        Map<?, ?> metadata = secret.get("metadata") instanceof Map<?, ?> map ? map : Map.of();
        String name = String.valueOf(metadata.get("name"));
        String namespace = metadata.get("namespace") instanceof String own && !own.isBlank() ? own : releaseNamespace;
        for (String field : FIELDS) {
            if (secret.get(field) instanceof Map<?, ?> values) {
                Map<String, Object> replaced = new LinkedHashMap<>();
                values.forEach((key, value) -> replaced.put(String.valueOf(key), value == null ? null
                        : change.apply(String.valueOf(value), "Secret " + namespace + "/" + name + " " + field + "."
                                + key, "Secret " + name + " " + field + "." + key)));
                changed.put(field, replaced);
            }
        }
        return changed;
    }

    @FunctionalInterface
    private interface ValueChange {
        /** @param legacy the place values were sealed for before they were bound to their namespace */
        String apply(String value, String context, String legacy);
    }
}
