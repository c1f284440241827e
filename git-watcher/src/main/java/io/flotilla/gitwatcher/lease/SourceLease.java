package io.flotilla.gitwatcher.lease;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The instance fetching one source, until when. Mapped so that the service's schema management creates the table
 * as it does every other; read and written with SQL by {@link LeaseStore}, because a lease is taken over in one
 * conditional statement that two instances may run at once.
 */
@Entity
@Table(name = "source_lease")
public class SourceLease {

    @Id
    @Column(length = 100)
    public String sourceId;

    @Column(nullable = false, length = 200)
    public String owner;

    /** By the database's clock: every instance compares it with the same {@code now()}. */
    @Column(nullable = false)
    public Instant expiresAt;
}
