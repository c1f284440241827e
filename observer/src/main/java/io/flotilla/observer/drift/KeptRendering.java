package io.flotilla.observer.drift;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The latest rendering of a release as the drift watch pairs it with its applied revision, kept as it is read: the
 * instance that reads the applied event may not be the one that read the rendering (it stopped or died in between, and
 * the partitions it read moved), and the applied revision is followed all the same.
 */
@Entity
@Table(name = "drift_rendering")
// Named, so Hibernate parses it at boot rather than on the drift watch's first miss.
@NamedQuery(name = KeptRendering.DELETE_OF_RELEASE, query = "delete from KeptRendering where releaseKey = :key")
public class KeptRendering {

    static final String DELETE_OF_RELEASE = "KeptRendering.deleteOfRelease";

    /** {@code cluster/namespace/name}, as {@link io.flotilla.events.ReleaseKey} writes it. */
    @Id
    @Column(name = "release_key", length = 512)
    public String releaseKey;

    /** The digest of what was rendered, which the applier reports of what it applied. */
    @Column(length = 128)
    public String inputDigest;

    /** The release's {@link io.flotilla.events.ReleaseOptions}. */
    @Column(columnDefinition = "text", nullable = false)
    public String options;

    /** The rendered objects as the event carries them (gzip, Base64); null when drift detection is disabled. */
    @Column(columnDefinition = "text")
    public String objects;
}
