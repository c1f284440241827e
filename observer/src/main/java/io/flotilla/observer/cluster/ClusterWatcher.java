package io.flotilla.observer.cluster;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * Which observer instance watches a cluster now, as that instance last said: written when it takes the cluster,
 * deleted when it lets it go. An instance killed without letting go stays named until another takes the cluster.
 */
@Entity
@Table(name = "cluster_watcher")
// Named, so Hibernate parses them at boot rather than on the first request's event-loop thread.
@NamedQuery(name = ClusterWatcher.ALL, query = "from ClusterWatcher")
@NamedQuery(name = ClusterWatcher.DELETE_OWN, query = "delete from ClusterWatcher where cluster = :cluster"
        + " and instance = :instance")
@NamedQuery(name = ClusterWatcher.DELETE_OF_INSTANCE, query = "delete from ClusterWatcher where instance = :instance")
public class ClusterWatcher {

    static final String ALL = "ClusterWatcher.all";
    static final String DELETE_OWN = "ClusterWatcher.deleteOwn";
    static final String DELETE_OF_INSTANCE = "ClusterWatcher.deleteOfInstance";

    @Id
    @Column(length = 255)
    public String cluster;

    /** The instance's id ({@code flotilla.observer.instance-id}). */
    @Column(nullable = false, length = 255)
    public String instance;

    /** When the instance took the cluster. */
    @Column(nullable = false)
    public Instant since;
}
