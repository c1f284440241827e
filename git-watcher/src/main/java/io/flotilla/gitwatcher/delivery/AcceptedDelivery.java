package io.flotilla.gitwatcher.delivery;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A webhook delivery accepted once, kept for {@link AcceptedDeliveries#KEPT}. Mapped for the schema management; read
 * and written with SQL by {@link AcceptedDeliveries}.
 */
@Entity
@Table(name = "webhook_delivery", indexes = @Index(name = "webhook_delivery_accepted_at", columnList = "accepted_at"))
public class AcceptedDelivery {

    /** {@code <host>/<the host's delivery id>}. */
    @Id
    @Column(length = 300)
    public String id;

    /** By the database's clock. */
    @Column(name = "accepted_at", nullable = false)
    public Instant acceptedAt;
}
