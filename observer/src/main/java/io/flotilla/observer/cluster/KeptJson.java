package io.flotilla.observer.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.EventCodec;

/**
 * An object kept as the bytes of its JSON and read back when asked for: a fifth to a tenth of the heap the same
 * object takes as maps of maps or as a tree of nodes, for what the observer keeps of tens of thousands of objects.
 */
public final class KeptJson {

    private final byte[] json;

    private KeptJson(byte[] json) {
        this.json = json;
    }

    /** @param what names the object in the error when it cannot be written */
    public static KeptJson of(Object object, String what) {
        try {
            return new KeptJson(EventCodec.mapper().writeValueAsBytes(object));
        } catch (IOException e) {
            throw new UncheckedIOException(what + " cannot be written as JSON", e);
        }
    }

    public JsonNode tree() {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("kept JSON does not read back", e);
        }
    }

    public <T> T as(Class<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("kept JSON does not read back as a " + type.getSimpleName(), e);
        }
    }
}
