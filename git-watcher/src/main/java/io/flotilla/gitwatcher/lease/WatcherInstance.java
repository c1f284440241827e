package io.flotilla.gitwatcher.lease;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A running instance, alive while its heartbeat is renewed: the instances alive decide each one's share of the
 * sources. Mapped for the schema management; read and written with SQL by {@link LeaseStore}.
 */
@Entity
@Table(name = "watcher_instance")
public class WatcherInstance {

    @Id
    @Column(length = 200)
    public String id;

    /** By the database's clock. */
    @Column(nullable = false)
    public Instant expiresAt;
}
