package io.flotilla.applier.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;

/**
 * An event of a recorded revision not yet on the applied topic: written in the revision's transaction, deleted once
 * Kafka has it. Whatever happens between the two, the event is sent.
 */
@Entity
@Table(name = "outbox")
public class OutboxRecord extends PanacheEntity {

    @Column(name = "release_key", nullable = false)
    public String releaseKey;

    /** The event's envelope, encoded as it goes on the topic. */
    @Column(nullable = false, columnDefinition = "text")
    public String envelope;

    /** The W3C trace context the revision was recorded in, so that its event continues the trace; may be null. */
    @Column(name = "traceparent")
    public String traceparent;
}
