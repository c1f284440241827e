package io.flotilla.observer.release;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import io.flotilla.events.ReleaseKey;

/** The columns of a table kept per release and cluster: the release's key, its parts and the revision told of. */
@MappedSuperclass
public abstract class ReleaseRow {

    /** {@code cluster/namespace/name}, as {@link ReleaseKey} writes it. */
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

    /** Names the release this row is about. */
    public void release(ReleaseKey release) {
        releaseKey = release.toString();
        cluster = release.cluster();
        namespace = release.namespace();
        name = release.name();
    }
}
