package io.flotilla.events;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Rendered Kubernetes objects as they travel on the {@code rendered} topic: a JSON array, gzipped,
 * in Base64. Rendered charts repeat themselves a lot, so this keeps records far below Kafka's limit.
 */
public record CompressedObjects(String gzipBase64) {

    private static final TypeReference<List<Map<String, Object>>> OBJECT_LIST = new TypeReference<>() {
    };

    @JsonCreator
    public CompressedObjects {
        if (gzipBase64 == null) {
            throw new IllegalArgumentException("compressed objects must not be null");
        }
    }

    public static CompressedObjects of(List<Map<String, Object>> objects) {
        return new CompressedObjects(GzipJson.encode(objects, "rendered objects"));
    }

    public List<Map<String, Object>> objects() {
        return GzipJson.decode(gzipBase64, OBJECT_LIST, "rendered objects");
    }

    /** Size on the wire, to keep a release under the configured record limit. */
    public int encodedSize() {
        return gzipBase64.length();
    }

    @JsonValue
    public String gzipBase64() {
        return gzipBase64;
    }
}
