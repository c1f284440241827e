package io.flotilla.renderer.release;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Objects of the repository found by kind, namespace and name, as a HelmRelease refers to them (a Flux source, a
 * ConfigMap or Secret of values). An object without a namespace is in {@code default}; the first declared wins.
 */
final class DeclaredObjects {

    private final Map<String, Map<String, Object>> objects = new LinkedHashMap<>();

    /** Keeps the object if it has a kind and a name. */
    void add(Map<String, Object> object) {
        if (object.get("kind") instanceof String kind
                && object.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("name") instanceof String name) {
            String namespace = metadata.get("namespace") instanceof String given && !given.isEmpty()
                    ? given
                    : HelmReleaseIdentity.DEFAULT_NAMESPACE;
            objects.putIfAbsent(key(kind, namespace + "/" + name), object);
        }
    }

    /** The object of {@code kind} named {@code namespace/name}, if the repository declares it. */
    Optional<Map<String, Object>> find(String kind, String namespacedName) {
        return Optional.ofNullable(objects.get(key(kind, namespacedName)));
    }

    /** Every object of {@code kind} in {@code namespace}, in the order declared. */
    List<Map<String, Object>> all(String kind, String namespace) {
        String prefix = key(kind, namespace + "/");
        return objects.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix))
                .map(Map.Entry::getValue).toList();
    }

    private static String key(String kind, String namespacedName) {
        return kind + "/" + namespacedName;
    }
}
