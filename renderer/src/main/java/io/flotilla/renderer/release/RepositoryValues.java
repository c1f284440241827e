package io.flotilla.renderer.release;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ConfigMaps and Secrets a repository declares, where {@code valuesFrom} finds values as Flux would find
 * them in the cluster once they are applied. An object without a namespace is in {@code default}, where it
 * would be applied; the first declaration of a name (in path order) is the one read.
 */
final class RepositoryValues {

    static final String CONFIG_MAP = "ConfigMap";
    static final String SECRET = "Secret";

    private final DeclaredObjects objects = new DeclaredObjects();

    /** Keeps the object if it is a ConfigMap or a Secret. */
    void offer(Map<String, Object> object) {
        Object kind = object.get("kind");
        if ((CONFIG_MAP.equals(kind) || SECRET.equals(kind)) && "v1".equals(object.get("apiVersion"))) {
            objects.add(object);
        }
    }

    boolean has(String kind, String namespace, String name) {
        return objects.find(kind, namespace + "/" + name).isPresent();
    }

    /** The keys of a ConfigMap's {@code data}, or a Secret's {@code data} and {@code stringData}, in order. */
    List<String> keys(String kind, String namespace, String name) {
        Optional<Map<String, Object>> found = objects.find(kind, namespace + "/" + name);
        if (found.isEmpty()) {
            return List.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String field : SECRET.equals(kind) ? List.of("data", "stringData") : List.of("data")) {
            if (found.get().get(field) instanceof Map<?, ?> entries) {
                entries.keySet().forEach(key -> keys.add(String.valueOf(key)));
            }
        }
        return List.copyOf(keys);
    }

    /** The text under {@code key}: a ConfigMap's {@code data}, a Secret's {@code stringData} or decoded {@code data}. */
    Optional<String> text(String kind, String namespace, String name, String key) throws InvalidFieldException {
        Optional<Map<String, Object>> found = objects.find(kind, namespace + "/" + name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> object = found.get();
        if (SECRET.equals(kind) && object.get("stringData") instanceof Map<?, ?> stringData
                && stringData.get(key) != null) {
            return Optional.of(String.valueOf(stringData.get(key)));
        }
        if (!(object.get("data") instanceof Map<?, ?> data) || data.get(key) == null) {
            return Optional.empty();
        }
        String value = String.valueOf(data.get(key));
        if (CONFIG_MAP.equals(kind)) {
            return Optional.of(value);
        }
        try {
            return Optional.of(new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("Secret " + namespace + "/" + name + ": data." + key
                    + " is not base64: " + e.getMessage());
        }
    }
}
