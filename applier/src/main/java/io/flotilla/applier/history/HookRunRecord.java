package io.flotilla.applier.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;

/** A hook phase that ran for a release's revision, with the inputs it ran for. */
@Entity
@Table(name = "hook_runs", uniqueConstraints = @UniqueConstraint(columnNames = {"release_key", "revision", "phase"}))
public class HookRunRecord extends PanacheEntity {

    @Column(name = "release_key", nullable = false)
    public String releaseKey;

    /** The revision the hooks ran for: the release's next one when they ran. */
    @Column(nullable = false)
    public int revision;

    /** The input digest the hooks ran for; empty for a rendering without one. */
    @Column(name = "input_digest", nullable = false)
    public String inputDigest;

    @Column(nullable = false)
    public String phase;
}
