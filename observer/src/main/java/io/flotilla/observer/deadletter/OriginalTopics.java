package io.flotilla.observer.deadletter;

import java.util.Map;

import io.smallrye.mutiny.Uni;

/** Where a replayed dead letter goes: back to the topic it came from, as it was. */
public interface OriginalTopics {

    /**
     * Sends the record; the item comes once the broker has it.
     *
     * @param topic   the topic's full name
     * @param key     the original key, or null
     * @param value   the original value, or null
     * @param headers the original headers
     */
    Uni<Void> send(String topic, String key, String value, Map<String, String> headers);
}
