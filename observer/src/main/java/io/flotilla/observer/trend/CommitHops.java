package io.flotilla.observer.trend;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * How long one commit took to each hop, counted from when it was detected: the slowest of its releases to be
 * rendered, and the slowest to be applied on its cluster.
 */
@Entity
@Table(name = "commit_hops", indexes = @Index(name = "commit_hops_detected", columnList = "detected_at"))
// Named, so Hibernate parses them at boot rather than on the first request's event-loop thread.
@NamedQuery(name = CommitHops.LATEST, query = "from CommitHops order by detectedAt desc, correlationId desc")
// One statement each, so releases applied at once on several consumers each keep the slowest.
@NamedQuery(name = CommitHops.DELETE_BEFORE, query = "delete from CommitHops where detectedAt < :before")
public class CommitHops {

    static final String LATEST = "CommitHops.latest";
    static final String DELETE_BEFORE = "CommitHops.deleteBefore";

    /** The journey's correlation id: one row per commit detected (per repository). */
    @Id
    @Column(length = 64)
    public String correlationId;

    @Column(nullable = false, length = 64)
    public String sha;

    @Column(nullable = false)
    public Instant detectedAt;

    /** From detected to the slowest release rendered; null until one is. */
    public Long renderedMs;

    /** From detected to the slowest release applied on its cluster (whatever the outcome); null until one is. */
    public Long appliedMs;
}
