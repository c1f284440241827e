package io.flotilla.observer.trend;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The versions one cluster ran from a moment on: its API server's Kubernetes version and the distinct kubelet versions
 * of its nodes. A row is written only when either changes, so the rows of a cluster are its upgrades.
 */
@Entity
@Table(name = "cluster_versions", indexes = @Index(name = "cluster_versions_cluster", columnList = "cluster, seen_at"))
// Named, so Hibernate parses them at boot rather than on the first request's event-loop thread.
@NamedQuery(name = VersionsSeen.NEWEST_OF_CLUSTER, query = "from VersionsSeen where cluster = :cluster"
        + " order by seenAt desc")
@NamedQuery(name = VersionsSeen.DELETE_OF_CLUSTER, query = "delete from VersionsSeen where cluster = :cluster")
public class VersionsSeen {

    static final String NEWEST_OF_CLUSTER = "VersionsSeen.newestOfCluster";
    static final String DELETE_OF_CLUSTER = "VersionsSeen.deleteOfCluster";

    /** {@code cluster@instant}: one row per cluster and moment its versions changed. */
    @Id
    @Column(name = "cluster_seen", length = 300)
    public String clusterSeen;

    @Column(nullable = false, length = 253)
    public String cluster;

    @Column(nullable = false)
    public Instant seenAt;

    @Column(length = 100)
    public String kubernetesVersion;

    /** The distinct kubelet versions of its nodes, sorted, comma separated; empty without a node. */
    @Column(nullable = false, length = 1000)
    public String kubelets;
}
