package io.flotilla.observer.drift;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The drift of one release as last found, its objects kept as JSON; gone once the release is back as applied. */
@Entity
@Table(name = "drift")
public class DriftRecord {

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

    /** {@code warn} or {@code enabled}: whether the applier corrects it. */
    @Column(length = 16)
    public String mode;

    public Instant foundAt;

    @Column(columnDefinition = "text", nullable = false)
    public String objects;
}
