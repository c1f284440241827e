package io.flotilla.observer.inventory;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The latest state of one cluster, kept as the JSON of its {@link io.flotilla.events.ClusterState}. */
@Entity
@Table(name = "cluster")
public class ClusterRecord {

    @Id
    @Column(length = 253)
    public String name;

    public boolean reachable;

    public Instant observedAt;

    @Column(columnDefinition = "text", nullable = false)
    public String state;
}
