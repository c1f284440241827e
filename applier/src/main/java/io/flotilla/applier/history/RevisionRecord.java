package io.flotilla.applier.history;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.flotilla.events.Outcome;
import io.quarkus.hibernate.reactive.panache.PanacheEntity;

/** One attempt to bring a release to its cluster, numbered from 1 per release. */
@Entity
@Table(name = "revisions", uniqueConstraints = @UniqueConstraint(columnNames = {"release_key", "number"}))
public class RevisionRecord extends PanacheEntity {

    @Column(name = "release_key", nullable = false)
    public String releaseKey;

    @Column(nullable = false)
    public int number;

    @Column(name = "source_sha")
    public String sourceSha;

    @Column(name = "source_file")
    public String sourceFile;

    @Column(name = "chart_name")
    public String chartName;

    @Column(name = "chart_version")
    public String chartVersion;

    @Column(name = "input_digest")
    public String inputDigest;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    @Column(columnDefinition = "text")
    public String message;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "objects")
    public ObjectResults objects;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "rendered")
    public RenderedManifest rendered;

    @Column(name = "applied_at", nullable = false)
    public Instant appliedAt;

    @Column(name = "duration_ms", nullable = false)
    public long durationMs;
}
