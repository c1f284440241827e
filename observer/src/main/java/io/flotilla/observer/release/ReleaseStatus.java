package io.flotilla.observer.release;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;

/** Where one release stands on one cluster: its latest applied revision and how that went. */
@Entity
@Table(name = "release")
public class ReleaseStatus {

    /** {@code cluster/namespace/name}, as {@link io.flotilla.events.ReleaseKey} writes it. */
    @Id
    @Column(name = "release_key", length = 512)
    public String releaseKey;

    @Column(nullable = false)
    public String cluster;

    @Column(nullable = false)
    public String namespace;

    @Column(nullable = false)
    public String name;

    public int revision;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Outcome status;

    public String chart;

    public String chartVersion;

    @Column(length = 64)
    public String sourceSha;

    public Instant appliedAt;

    @Column(columnDefinition = "text")
    public String message;

    /** The status {@code applied} says the release is in. */
    public static ReleaseStatus of(ReleaseApplied applied) {
        ReleaseStatus status = new ReleaseStatus();
        status.releaseKey = applied.release().toString();
        status.cluster = applied.release().cluster();
        status.namespace = applied.release().namespace();
        status.name = applied.release().name();
        status.update(applied);
        return status;
    }

    /**
     * Takes {@code applied} unless it reports an older revision than the one shown: a late or
     * replayed event never rolls the status back.
     */
    public void update(ReleaseApplied applied) {
        if (applied.revision() < revision) {
            return;
        }
        revision = applied.revision();
        status = applied.outcome();
        chart = applied.chartName();
        chartVersion = applied.chartVersion();
        sourceSha = applied.sourceSha();
        appliedAt = applied.appliedAt();
        message = applied.error();
    }
}
