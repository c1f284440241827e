package io.flotilla.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.type.TypeReference;

/** JSON, gzipped, in Base64: how large parts of an event ({@link CompressedObjects}, {@link CompressedValues}) travel. */
final class GzipJson {

    private GzipJson() {
    }

    /** {@code value} as JSON, gzipped, in Base64; {@code what} names it in a failure. */
    static String encode(Object value, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            EventCodec.mapper().writeValue(gzip, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compress " + what, e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** What {@link #encode} made of a {@code type}; {@code what} names it in a failure. */
    static <T> T decode(String gzipBase64, TypeReference<T> type, String what) {
        byte[] compressed = Base64.getDecoder().decode(gzipBase64);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return EventCodec.mapper().readValue(in, type);
        } catch (IOException e) {
            throw new EventFormatException(what + " are not gzipped JSON: " + e.getMessage(), e);
        }
    }
}
