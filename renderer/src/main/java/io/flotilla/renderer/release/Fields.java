package io.flotilla.renderer.release;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed access to the fields of one YAML document by dotted path, such as {@code spec.chart.path}. */
final class Fields {

    private final Map<String, Object> document;

    Fields(Map<String, Object> document) {
        this.document = document;
    }

    /** Whether the field is set to something: an empty mapping or list counts as not set. */
    boolean has(String path) {
        Object value = value(path);
        if (value instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        if (value instanceof Collection<?> list) {
            return !list.isEmpty();
        }
        return value != null;
    }

    /** A scalar as text: {@code ref: 1} is the text {@code 1}, as Kubernetes would read it into a string. */
    Optional<String> text(String path) throws InvalidFieldException {
        Object value = value(path);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof Iterable) {
            throw new InvalidFieldException(path + " must be a string");
        }
        String text = value.toString();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    String requiredText(String path) throws InvalidFieldException {
        return text(path).orElseThrow(() -> new InvalidFieldException(path + " is required"));
    }

    /** A boolean switch; unset is false. */
    boolean flag(String path) throws InvalidFieldException {
        Object value = value(path);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            throw new InvalidFieldException(path + " must be true or false");
        }
        return flag;
    }

    Optional<Integer> integer(String path) throws InvalidFieldException {
        Object value = value(path);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Integer number)) {
            throw new InvalidFieldException(path + " must be a whole number");
        }
        return Optional.of(number);
    }

    /** A list; unset is empty. */
    List<?> list(String path) throws InvalidFieldException {
        Object value = value(path);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidFieldException(path + " must be a list");
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> mapping(String path) throws InvalidFieldException {
        Object value = value(path);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map)) {
            throw new InvalidFieldException(path + " must be a mapping");
        }
        return Optional.of((Map<String, Object>) value);
    }

    private Object value(String path) {
        Object current = document;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }
}
