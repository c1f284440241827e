package io.flotilla.observer.trend;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** How many of one cluster's releases were Ready, of how many, after the last release applied in one hour. */
@Entity
@Table(name = "releases_ready_hourly", indexes = @Index(name = "releases_ready_hourly_start",
        columnList = "hour_start"))
// Named, so Hibernate parses them at boot rather than on the first request's event-loop thread.
@NamedQuery(name = ReadyHour.SINCE, query = "from ReadyHour where hourStart >= :since order by cluster, hourStart")
@NamedQuery(name = ReadyHour.OF_CLUSTER_SINCE, query = "from ReadyHour where cluster = :cluster"
        + " and hourStart >= :since order by hourStart")
@NamedQuery(name = ReadyHour.DELETE_BEFORE, query = "delete from ReadyHour where hourStart < :before")
public class ReadyHour {

    static final String SINCE = "ReadyHour.since";
    static final String OF_CLUSTER_SINCE = "ReadyHour.ofClusterSince";
    static final String DELETE_BEFORE = "ReadyHour.deleteBefore";

    /** {@code cluster@hour}, one row per cluster and hour. */
    @Id
    @Column(name = "cluster_hour", length = 300)
    public String clusterHour;

    @Column(nullable = false, length = 253)
    public String cluster;

    @Column(nullable = false)
    public Instant hourStart;

    public int ready;

    public int total;
}
