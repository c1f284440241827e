package io.flotilla.observer.drift;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import io.flotilla.observer.release.ReleaseRow;

/** The drift of one release as last found, its objects kept as JSON; gone once the release is back as applied. */
@Entity
@Table(name = "drift")
// Named, so Hibernate parses them at boot rather than on the first request's event-loop thread.
@NamedQuery(name = DriftRecord.IN_ORDER, query = "from DriftRecord order by cluster, namespace, name")
@NamedQuery(name = DriftRecord.RELEASE_KEYS, query = "select releaseKey from DriftRecord")
@NamedQuery(name = DriftRecord.DELETE_OF_RELEASE, query = "delete from DriftRecord where releaseKey = :key")
@NamedQuery(name = DriftRecord.OF_CLUSTER, query = "from DriftRecord where cluster = :cluster")
@NamedQuery(name = DriftRecord.DELETE_OF_CLUSTER, query = "delete from DriftRecord where cluster = :cluster")
@NamedQuery(name = DriftRecord.DELETE_OF_CLUSTER_BUT, query = "delete from DriftRecord where cluster = :cluster"
        + " and releaseKey not in :kept")
public class DriftRecord extends ReleaseRow {

    static final String IN_ORDER = "DriftRecord.inOrder";
    static final String RELEASE_KEYS = "DriftRecord.releaseKeys";
    static final String DELETE_OF_RELEASE = "DriftRecord.deleteOfRelease";
    static final String OF_CLUSTER = "DriftRecord.ofCluster";
    static final String DELETE_OF_CLUSTER = "DriftRecord.deleteOfCluster";
    static final String DELETE_OF_CLUSTER_BUT = "DriftRecord.deleteOfClusterBut";

    /**
     * {@code warn} or {@code enabled}: whether the applier corrects it; null when the release does not say (a Flux v1
     * release, a manifest folder, a Flux v2 release without {@code driftDetection.mode}), and the fleet's default applies.
     */
    @Column(length = 16)
    public String mode;

    public Instant foundAt;

    @Column(columnDefinition = "text", nullable = false)
    public String objects;
}
