package io.flotilla.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels on every topic: the payload and what is needed to follow it. The correlation id is
 * born with the commit (or the drift, or the image) and is carried by every event it causes.
 */
public record Envelope<T extends Event>(
        String id,
        String type,
        int version,
        Instant time,
        String source,
        String correlationId,
        String key,
        T payload) {

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(payload, "payload");
    }

    /** A new event that starts a journey: its correlation id is its own id. */
    public static <T extends Event> Envelope<T> first(String source, T payload) {
        String id = UUID.randomUUID().toString();
        return of(id, source, id, payload);
    }

    /** A new event caused by {@code cause}: it carries the cause's correlation id. */
    public static <T extends Event> Envelope<T> causedBy(Envelope<?> cause, String source, T payload) {
        return of(UUID.randomUUID().toString(), source, cause.correlationId(), payload);
    }

    private static <T extends Event> Envelope<T> of(String id, String source, String correlationId, T payload) {
        EventType type = EventType.of(payload);
        return new Envelope<>(id, type.wireName(), type.version(), Instant.now(), source, correlationId,
                payload.key(), payload);
    }

    public EventType eventType() {
        return EventType.byWireName(type).orElseThrow();
    }
}
