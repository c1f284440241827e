package io.flotilla.observer.rollout;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import io.flotilla.observer.release.ReleaseRow;

/** A release the applier holds at its rollout's wave gate, as its latest {@code RolloutHeld} says. */
@Entity
@Table(name = "held_rollout")
// Named, so Hibernate parses them at boot rather than on the first request's event-loop thread.
@NamedQuery(name = HeldRollout.IN_ORDER, query = "from HeldRollout order by cluster, namespace, name")
@NamedQuery(name = HeldRollout.RELEASED, query = "delete from HeldRollout where releaseKey = :key and heldAt <= :at")
public class HeldRollout extends ReleaseRow {

    static final String IN_ORDER = "HeldRollout.inOrder";
    static final String RELEASED = "HeldRollout.released";

    @Column(length = 253)
    public String rollout;

    public int wave;

    @Column(length = 253)
    public String waveName;

    /** The wave before failed: nothing goes on without a fix or a resume. */
    public boolean halted;

    /** The cluster of the wave before that the release waits for. */
    public String blockingCluster;

    @Column(columnDefinition = "text")
    public String reason;

    @Column(length = 64)
    public String sourceSha;

    public long commitOrder;

    @Column(nullable = false)
    public Instant heldAt;
}
