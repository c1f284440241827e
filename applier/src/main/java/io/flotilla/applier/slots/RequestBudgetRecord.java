package io.flotilla.applier.slots;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One cluster's bucket of requests a second, for every applier instance together: the tokens left (below zero when
 * taken in advance) when it was last refilled. Mapped so that the schema tool makes the table; it is read and written
 * with one SQL statement ({@link PostgresRequestBudget}).
 */
@Entity
@Table(name = "request_budget")
public class RequestBudgetRecord extends PanacheEntityBase {

    @Id
    public String cluster;

    @Column(nullable = false)
    public double tokens;

    /** By the database's clock. */
    @Column(name = "refilled_at", nullable = false)
    public Instant refilledAt;
}
