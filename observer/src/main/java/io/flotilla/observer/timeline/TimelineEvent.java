package io.flotilla.observer.timeline;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;

/** One event as the timeline keeps it: the envelope, and its payload as JSON. */
@Entity
@Table(name = "event", indexes = {
        @Index(name = "event_correlation_id", columnList = "correlation_id"),
        @Index(name = "event_time", columnList = "event_time"),
        // The dashboard's latest commits: a few among many more rendered and applied events.
        @Index(name = "event_type_time", columnList = "type, event_time"),
        @Index(name = "event_sha", columnList = "sha") })
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

    /**
     * The sha of a {@code CommitDetected}, null for other events: a commit is found by its index, not by reading every
     * payload. Compared byte by byte (collation C), so a prefix (a short sha) uses the index too.
     */
    @Column(columnDefinition = "varchar(64) collate \"C\"")
    public String sha;

    public static TimelineEvent of(Envelope<?> envelope) {
        TimelineEvent event = new TimelineEvent();
        event.id = envelope.id();
        event.type = envelope.type();
        event.key = envelope.key();
        event.correlationId = envelope.correlationId();
        event.time = envelope.time();
        event.source = envelope.source();
        event.payload = TimelinePayload.json(envelope);
        event.sha = envelope.payload() instanceof CommitDetected commit ? commit.sha() : null;
        return event;
    }
}
