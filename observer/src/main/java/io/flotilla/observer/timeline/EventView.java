package io.flotilla.observer.timeline;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** One event as the API and the live stream show it; the payload is the event's own JSON. */
public record EventView(String id, String type, Instant time, String source, String key, String correlationId,
        @JsonRawValue String payload) {

    public static EventView of(TimelineEvent event) {
        return new EventView(event.id, event.type, event.time, event.source, event.key, event.correlationId,
                event.payload);
    }
}
