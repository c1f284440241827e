package io.flotilla.observer.timeline;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import io.flotilla.events.Envelope;

/** One event as the timeline keeps it: the envelope, and its payload as JSON. */
@Entity
@Table(name = "event", indexes = {
        @Index(name = "event_correlation_id", columnList = "correlation_id"),
        @Index(name = "event_time", columnList = "event_time"),
        // The dashboard's latest commits: a few among many more rendered and applied events.
        @Index(name = "event_type_time", columnList = "type, event_time") })
public class TimelineEvent {

    @Id
    @Column(length = 64)
    public String id;

    @Column(nullable = false, length = 64)
    public String type;

    @Column(name = "event_key", length = 1024)
    public String key;

    @Column(name = "correlation_id", nullable = false, length = 64)
    public String correlationId;

    @Column(name = "event_time", nullable = false)
    public Instant time;

    @Column(nullable = false, length = 255)
    public String source;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    public static TimelineEvent of(Envelope<?> envelope) {
        TimelineEvent event = new TimelineEvent();
        event.id = envelope.id();
        event.type = envelope.type();
        event.key = envelope.key();
        event.correlationId = envelope.correlationId();
        event.time = envelope.time();
        event.source = envelope.source();
        event.payload = TimelinePayload.json(envelope);
        return event;
    }
}
