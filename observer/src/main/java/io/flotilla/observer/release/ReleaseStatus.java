package io.flotilla.observer.release;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;

/** Where one release stands on one cluster: its latest applied revision and how that went. */
@Entity
@Table(name = "release")
// Named, so Hibernate parses them at boot rather than on the first request's event-loop thread.
@NamedQuery(name = ReleaseStatus.COUNTS_BY_CLUSTER, query = "select cluster, status, count(*) from ReleaseStatus"
        + " group by cluster, status")
@NamedQuery(name = ReleaseStatus.COUNT_OF_NAMES_LIKE, query = "select count(distinct concat(namespace, '/', name))"
        + " from ReleaseStatus" + ReleaseStatus.NAME_LIKE)
@NamedQuery(name = ReleaseStatus.NAMES_LIKE, query = "select distinct namespace, name from ReleaseStatus"
        + ReleaseStatus.NAME_LIKE + " order by namespace, name")
@NamedQuery(name = ReleaseStatus.OF_NAMES, query = "from ReleaseStatus where concat(namespace, '/', name) in :keys")
@NamedQuery(name = ReleaseStatus.MATCHING, query = "from ReleaseStatus where (:cluster is null or cluster = :cluster)"
        + " and (:namespace is null or namespace = :namespace) and (:status is null or status = :status)"
        + " order by cluster, namespace, name")
public class ReleaseStatus extends ReleaseRow {

    static final String COUNTS_BY_CLUSTER = "ReleaseStatus.countsByCluster";
    static final String COUNT_OF_NAMES_LIKE = "ReleaseStatus.countOfNamesLike";
    static final String NAMES_LIKE = "ReleaseStatus.namesLike";
    static final String OF_NAMES = "ReleaseStatus.ofNames";
    static final String MATCHING = "ReleaseStatus.matching";
    /** Releases whose {@code namespace/name}, lower-cased, is like {@code :like}; all when it is null. */
    static final String NAME_LIKE = " where (:like is null or lower(concat(namespace, '/', name)) like :like)";

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Outcome status;

    public String chart;

    public String chartVersion;

    @Column(length = 64)
    public String sourceSha;

    public Instant appliedAt;

    @Column(columnDefinition = "text")
    public String message;

    /** The status {@code applied} says the release is in. */
    public static ReleaseStatus of(ReleaseApplied applied) {
        ReleaseStatus status = new ReleaseStatus();
        status.release(applied.release());
        status.update(applied);
        return status;
    }

    /**
     * Takes {@code applied} unless it reports an older revision than the one shown: a late or
     * replayed event never rolls the status back.
     */
    public void update(ReleaseApplied applied) {
        if (applied.revision() < revision) {
            return;
        }
        revision = applied.revision();
        status = applied.outcome();
        chart = applied.chartName();
        chartVersion = applied.chartVersion();
        sourceSha = applied.sourceSha();
        appliedAt = applied.appliedAt();
        message = applied.error();
    }
}
