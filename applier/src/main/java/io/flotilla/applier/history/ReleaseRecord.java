package io.flotilla.applier.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.flotilla.events.Outcome;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A release on a cluster and where it stands: its current revision and what was last applied Ready. */
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
}
