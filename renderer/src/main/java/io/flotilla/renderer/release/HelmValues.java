package io.flotilla.renderer.release;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Values as Helm treats them: YAML mappings, merged one over the other as {@code helm -f a.yaml -f b.yaml} does. */
public final class HelmValues {

    private HelmValues() {
    }

    /**
     * A values file's text as a mapping; an empty file is no values.
     *
     * @throws InvalidFieldException with the reason, for the caller to say which file
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String text) throws InvalidFieldException {
        List<Object> documents;
        try {
            documents = YamlDocuments.parse(text);
        } catch (InvalidYamlException e) {
            throw new InvalidFieldException("is not valid YAML: " + e.getMessage());
        }
        if (documents.isEmpty()) {
            return Map.of();
        }
        if (documents.size() > 1 || !(documents.get(0) instanceof Map<?, ?>)) {
            throw new InvalidFieldException("is not a YAML mapping of values");
        }
        return (Map<String, Object>) documents.get(0);
    }

    /**
     * {@code over} merged into {@code base}: mappings merge key by key, anything else in {@code over} replaces
     * what {@code base} had, as Helm merges values files. Neither argument is changed.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        for (Map.Entry<String, Object> entry : over.entrySet()) {
            Object before = merged.get(entry.getKey());
            if (before instanceof Map<?, ?> beforeMap && entry.getValue() instanceof Map<?, ?> overMap) {
                merged.put(entry.getKey(), merge((Map<String, Object>) beforeMap, (Map<String, Object>) overMap));
            } else {
                merged.put(entry.getKey(), entry.getValue());
            }
        }
        return merged;
    }

    /** A mapping that holds {@code value} at the dotted {@code path}, as Flux's {@code targetPath} places it. */
    static Map<String, Object> at(String path, Object value) {
        String[] keys = path.split("\\.");
        Object current = value;
        for (int i = keys.length - 1; i >= 0; i--) {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put(keys[i], current);
            current = level;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> top = (Map<String, Object>) current;
        return top;
    }
}
