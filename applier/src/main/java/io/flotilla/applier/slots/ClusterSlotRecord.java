package io.flotilla.applier.slots;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One slot of a cluster: free, or held by an applier instance until its lease expires. Mapped so that the schema
 * tool makes the table; it is read and written with single SQL statements ({@link PostgresClusterSlots}).
 */
@Entity
@Table(name = "cluster_slots")
public class ClusterSlotRecord extends PanacheEntityBase {

    /** {@code cluster#slot}. */
    @Id
    @Column(name = "slot_key")
    public String key;

    @Column(nullable = false)
    public String cluster;

    @Column(nullable = false)
    public int slot;

    /** The instance holding the slot; null when free. */
    @Column(name = "holder")
    public String holder;

    @Column(name = "expires_at")
    public Instant expiresAt;
}
