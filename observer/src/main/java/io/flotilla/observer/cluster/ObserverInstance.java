package io.flotilla.observer.cluster;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A running observer instance, alive while its heartbeat is renewed: the instances alive decide each one's share of
 * the clusters. Mapped for the schema management; read and written with SQL by {@link io.flotilla.leases.LeaseStore}.
 */
@Entity
@Table(name = "observer_instance")
public class ObserverInstance {

    @Id
    @Column(length = 200)
    public String id;

    /** By the database's clock. */
    @Column(nullable = false)
    public Instant expiresAt;
}
