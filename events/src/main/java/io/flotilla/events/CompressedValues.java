package io.flotilla.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            EventCodec.mapper().writeValue(gzip, values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compress values", e);
        }
        return new CompressedValues(Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }

    public Map<String, Object> values() {
        byte[] compressed = Base64.getDecoder().decode(gzipBase64);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return EventCodec.mapper().readValue(in, VALUES);
        } catch (IOException e) {
            throw new EventFormatException("values are not gzipped JSON: " + e.getMessage(), e);
        }
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
