package io.flotilla.observer.deadletter;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One dead letter as kept: the original record, where it came from, why it could not be processed, and its replay. */
@Entity
@Table(name = "dead_letter", indexes = @Index(name = "dead_letter_arrived_at", columnList = "arrived_at"))
// Named, so Hibernate parses them at boot rather than on the first request's event-loop thread.
@NamedQuery(name = DeadLetterRecord.LATEST, query = "from DeadLetterRecord order by arrivedAt desc, id desc")
public class DeadLetterRecord {

    static final String LATEST = "DeadLetterRecord.latest";

    /** {@code <partition>-<offset>} of the record on the dead-letter topic: read again, it is the same letter. */
    @Id
    @Column(length = 64)
    public String id;

    /** The service that gave the record up, when the letter says; null when it does not. */
    public String service;

    /** The topic the record was read from (its full name), or null when the letter does not say. */
    public String topic;

    /** Its partition and offset there, when the letter says. */
    public Integer originalPartition;

    public Long originalOffset;

    @Column(length = 1024)
    public String originalKey;

    /** The original record's value, as it was. */
    @Column(columnDefinition = "text")
    public String record;

    /** The original record's headers, as a JSON object of text values: sent again with it. */
    @Column(columnDefinition = "text")
    public String headers;

    /** Why it could not be processed. */
    @Column(columnDefinition = "text")
    public String reason;

    /** What caused that, when the letter says. */
    @Column(columnDefinition = "text")
    public String cause;

    @Column(name = "arrived_at", nullable = false)
    public Instant arrivedAt;

    /** When it was put back on its topic; null until then. */
    public Instant replayedAt;
}
