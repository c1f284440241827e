package io.flotilla.observer.timeline;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;

/** One event as the timeline keeps it: the envelope, and its payload as JSON. */
@Entity
@Table(name = "event", indexes = {
        // A journey's commit and its latest rendered and applied events: one lookup, however long the journey.
        @Index(name = "event_correlation_type_time", columnList = "correlation_id, type, event_time"),
        @Index(name = "event_time", columnList = "event_time"),
        // The dashboard's latest commits: a few among many more rendered and applied events.
        @Index(name = "event_type_time", columnList = "type, event_time"),
        @Index(name = "event_sha", columnList = "sha") })
// Named, so Hibernate parses them at boot rather than on the first request's event-loop thread.
@NamedQuery(name = TimelineEvent.OF_CORRELATION, query = "from TimelineEvent where correlationId = :correlationId"
        + " order by time, id")
@NamedQuery(name = TimelineEvent.LATEST_OF_KEY, query = "from TimelineEvent where key = :key order by time desc, id desc")
@NamedQuery(name = TimelineEvent.COMMIT_OF_CORRELATION, query = "from TimelineEvent"
        + " where correlationId = :correlationId and type = 'CommitDetected'")
@NamedQuery(name = TimelineEvent.COMMITS_OF_CORRELATIONS, query = "from TimelineEvent"
        + " where correlationId in :correlationIds and type = 'CommitDetected' order by time, id")
@NamedQuery(name = TimelineEvent.COMMITS_OF_SHA, query = "from TimelineEvent where sha like :sha order by time, id")
@NamedQuery(name = TimelineEvent.LATEST_OF_TYPE, query = "from TimelineEvent where type = :type"
        + " order by time desc, id desc")
@NamedQuery(name = TimelineEvent.LAST_OF_JOURNEY_BY_TYPE, query = "select type, max(time) from TimelineEvent"
        + " where correlationId = :correlationId and type in :types group by type")
@NamedQuery(name = TimelineEvent.LATEST, query = "from TimelineEvent order by time desc, id desc")
public class TimelineEvent {

    static final String OF_CORRELATION = "TimelineEvent.ofCorrelation";
    static final String LATEST_OF_KEY = "TimelineEvent.latestOfKey";
    static final String COMMIT_OF_CORRELATION = "TimelineEvent.commitOfCorrelation";
    static final String COMMITS_OF_CORRELATIONS = "TimelineEvent.commitsOfCorrelations";
    static final String COMMITS_OF_SHA = "TimelineEvent.commitsOfSha";
    static final String LATEST_OF_TYPE = "TimelineEvent.latestOfType";
    static final String LATEST = "TimelineEvent.latest";
    static final String LAST_OF_JOURNEY_BY_TYPE = "TimelineEvent.lastOfJourneyByType";

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

    /** The payload read as JSON; an empty object when it cannot be read, so a reader shows what it can. */
    public JsonNode payloadJson() {
        try {
            return EventCodec.mapper().readTree(payload);
        } catch (JsonProcessingException e) {
            return EventCodec.mapper().createObjectNode();
        }
    }
}
