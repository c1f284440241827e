package io.flotilla.applier.history;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.flotilla.events.Outcome;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A release on a cluster and where it stands: its current revision and what was last applied Ready, the rendering
 * it is to be (so that it can be reconciled again without Kafka), and when it is reconciled next.
 */
@Entity
@Table(name = "releases")
public class ReleaseRecord extends PanacheEntityBase {

    @Id
    @Column(name = "release_key")
    public String key;

    @Column(nullable = false)
    public String cluster;

    @Column(nullable = false)
    public String namespace;

    @Column(nullable = false)
    public String name;

    @Column(name = "current_revision", nullable = false)
    public int currentRevision;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome status;

    /** {@code spec.driftDetection.mode} of the last rendering applied: what to do when drift is found. */
    @Column(name = "drift_mode")
    public String driftMode;

    /** The input digest of the last revision applied Ready: the same digest again needs no apply. */
    @Column(name = "ready_input_digest")
    public String readyInputDigest;

    /** The input digest of the current revision, whatever its outcome: a replay of it adds no revision. */
    @Column(name = "current_input_digest")
    public String currentInputDigest;

    /** The commit order of the newest rendering taken; a rendering of a lower order is older and never applied. */
    @Column(name = "commit_order", nullable = false)
    public long commitOrder;

    /** The newest rendering taken, its envelope as it came from the rendered topic (objects compressed). */
    @Column(name = "desired", columnDefinition = "text")
    public String desired;

    /** Tries in a row that ended Failed; the retry after them waits longer each time. */
    @Column(nullable = false)
    public int failures;

    @Column(name = "last_reconciled_at")
    public Instant lastReconciledAt;

    /** When the release is reconciled again, though nothing asks: its interval, or the retry after a failure. */
    @Column(name = "next_reconcile_at")
    public Instant nextReconcileAt;
}
