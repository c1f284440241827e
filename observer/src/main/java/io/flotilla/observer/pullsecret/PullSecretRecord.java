package io.flotilla.observer.pullsecret;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The latest pull secrets sync of one cluster, kept as the JSON of its {@link io.flotilla.events.PullSecretsSynced}.
 */
@Entity
@Table(name = "pull_secret_sync")
// Named, so Hibernate parses them at boot rather than on the first request's event-loop thread.
@NamedQuery(name = PullSecretRecord.ALL, query = "from PullSecretRecord")
@NamedQuery(name = PullSecretRecord.DELETE_OF_CLUSTER, query = "delete from PullSecretRecord where cluster = :cluster")
public class PullSecretRecord {

    static final String ALL = "PullSecretRecord.all";
    static final String DELETE_OF_CLUSTER = "PullSecretRecord.deleteOfCluster";

    @Id
    @Column(length = 253)
    public String cluster;

    @Column(nullable = false)
    public Instant syncedAt;

    @Column(columnDefinition = "text", nullable = false)
    public String sync;
}
