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

    /**
     * The commit order the release's status holds at: the rendering of its current revision, or a newer one with the
     * same inputs taken since; a rendering held at its wave gate does not move it. Null before this column existed.
     */
    @Column(name = "status_commit_order")
    public Long statusCommitOrder;

    /** Since when the release has been Ready at its status commit order; null when it is not Ready. */
    @Column(name = "ready_since")
    public Instant readySince;

    /** The rollout the rendering held at its wave gate belongs to; null when no rendering is held. */
    @Column(name = "held_rollout")
    public String heldRollout;

    @Column(name = "held_wave")
    public Integer heldWave;

    @Column(name = "held_wave_name")
    public String heldWaveName;

    /** The wave before failed: only a fix or a resume opens the gate. */
    @Column(name = "held_halted")
    public Boolean heldHalted;

    /** The cluster of the wave before that the held rendering waits for. */
    @Column(name = "held_blocking_cluster")
    public String heldBlockingCluster;

    @Column(name = "held_reason", columnDefinition = "text")
    public String heldReason;

    /** The commit order of the rendering held. */
    @Column(name = "held_commit_order")
    public Long heldCommitOrder;

    @Column(name = "held_since")
    public Instant heldSince;

    /** Renderings up to this commit order pass the wave gate whatever the wave before says: resumed by hand. */
    @Column(name = "forced_commit_order")
    public Long forcedCommitOrder;

    /** Who suspended the release by hand ({@code flotilla suspend}); null when it is not suspended so. */
    @Column(name = "suspended_by")
    public String suspendedBy;

    @Column(name = "suspended_at")
    public Instant suspendedAt;

    @Column(name = "suspended_reason", columnDefinition = "text")
    public String suspendedReason;

    /** Tries in a row that ended Failed; the retry after them waits longer each time. */
    @Column(nullable = false)
    public int failures;

    @Column(name = "last_reconciled_at")
    public Instant lastReconciledAt;

    /** When the release is reconciled again, though nothing asks: its interval, or the retry after a failure. */
    @Column(name = "next_reconcile_at")
    public Instant nextReconcileAt;
}
