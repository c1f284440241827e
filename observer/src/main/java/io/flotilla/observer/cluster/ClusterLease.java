package io.flotilla.observer.cluster;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The observer instance watching one cluster, until when. Mapped so that the service's schema management creates the
 * table; taken, renewed and given back with SQL by the shared {@link io.flotilla.leases.LeaseStore}, read here for the
 * API.
 */
@Entity
@Table(name = "cluster_lease")
@NamedQuery(name = ClusterLease.HELD, query = "from ClusterLease where expiresAt > current_timestamp")
public class ClusterLease {

    public static final String HELD = "ClusterLease.held";

    @Id
    @Column(length = 253)
    public String cluster;

    @Column(nullable = false, length = 200)
    public String owner;

    /** By the database's clock: every instance compares it with the same {@code now()}. */
    @Column(nullable = false)
    public Instant expiresAt;
}
