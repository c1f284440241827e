package io.flotilla.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            EventCodec.mapper().writeValue(gzip, objects);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compress rendered objects", e);
        }
        return new CompressedObjects(Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }

    public List<Map<String, Object>> objects() {
        byte[] compressed = Base64.getDecoder().decode(gzipBase64);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return EventCodec.mapper().readValue(in, OBJECT_LIST);
        } catch (IOException e) {
            throw new EventFormatException("rendered objects are not gzipped JSON: " + e.getMessage(), e);
        }
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
