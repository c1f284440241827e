package io.flotilla.events;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.type.TypeReference;

/** Helm values as they travel on the {@code rendered} topic: a JSON object, gzipped, in Base64. */
public record CompressedValues(String gzipBase64) {

    private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {
    };

    @JsonCreator
    public CompressedValues {
        if (gzipBase64 == null) {
            throw new IllegalArgumentException("compressed values must not be null");
        }
    }

    public static CompressedValues of(Map<String, Object> values) {
        return new CompressedValues(GzipJson.encode(values, "values"));
    }

    public Map<String, Object> values() {
        return GzipJson.decode(gzipBase64, VALUES, "values");
    }

    /** Size on the wire, counted with the objects against the record limit. */
    public int encodedSize() {
        return gzipBase64.length();
    }

    @JsonValue
    public String gzipBase64() {
        return gzipBase64;
    }
}
