package io.flotilla.renderer.release;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ConfigMaps and Secrets a repository declares, where {@code valuesFrom} finds values as Flux would find
 * them in the cluster once they are applied. An object without a namespace is in {@code default}, where it
 * would be applied; the first declaration of a name (in path order) is the one read.
 */
final class RepositoryValues {

    static final String CONFIG_MAP = "ConfigMap";
    static final String SECRET = "Secret";

    private final Map<String, Map<String, Object>> objects = new HashMap<>();

    /** Keeps the object if it is a ConfigMap or a Secret. */
    void offer(Map<String, Object> object) {
        Object kind = object.get("kind");
        if ((CONFIG_MAP.equals(kind) || SECRET.equals(kind)) && "v1".equals(object.get("apiVersion"))
                && object.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("name") instanceof String name) {
            String namespace = metadata.get("namespace") instanceof String given && !given.isEmpty()
                    ? given
                    : HelmReleaseIdentity.DEFAULT_NAMESPACE;
            objects.putIfAbsent(kind + "/" + namespace + "/" + name, object);
        }
    }

    boolean has(String kind, String namespace, String name) {
        return objects.containsKey(kind + "/" + namespace + "/" + name);
    }

    /** The text under {@code key}: a ConfigMap's {@code data}, a Secret's {@code stringData} or decoded {@code data}. */
    Optional<String> text(String kind, String namespace, String name, String key) throws InvalidFieldException {
        Map<String, Object> object = objects.get(kind + "/" + namespace + "/" + name);
        if (object == null) {
            return Optional.empty();
        }
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
