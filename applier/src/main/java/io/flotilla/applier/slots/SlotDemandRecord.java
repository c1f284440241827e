package io.flotilla.applier.slots;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An applier instance that wanted slots of a cluster and could not take them, until when it counts as wanting: the
 * instances holding the cluster's slots read it when they renew, and keep only their share.
 */
@Entity
@Table(name = "cluster_slot_demand")
public class SlotDemandRecord extends PanacheEntityBase {

    /** {@code cluster holder}. */
    @Id
    @Column(name = "demand_key")
    public String key;

    @Column(nullable = false)
    public String cluster;

    @Column(nullable = false)
    public String holder;

    @Column(name = "until", nullable = false)
    public Instant until;
}
