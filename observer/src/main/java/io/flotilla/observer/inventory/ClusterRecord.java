package io.flotilla.observer.inventory;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** The latest state of one cluster, kept as the JSON of its {@link io.flotilla.events.ClusterState}. */
@Entity
@Table(name = "cluster")
// Named, so Hibernate parses it at boot rather than on the first request's event-loop thread.
@NamedQuery(name = ClusterRecord.IN_ORDER, query = "from ClusterRecord order by name")
@NamedQuery(name = ClusterRecord.DELETE_OF_CLUSTER, query = "delete from ClusterRecord where name = :name")
public class ClusterRecord {

    static final String IN_ORDER = "ClusterRecord.inOrder";
    static final String DELETE_OF_CLUSTER = "ClusterRecord.deleteOfCluster";

    @Id
    @Column(length = 253)
    public String name;

    public boolean reachable;

    public Instant observedAt;

    @Column(columnDefinition = "text", nullable = false)
    public String state;
}
