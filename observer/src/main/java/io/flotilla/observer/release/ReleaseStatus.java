package io.flotilla.observer.release;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseReconciled;

/**
 * Where one release stands on one cluster: its latest applied revision and how that went, and when the applier last
 * reconciled it.
 */
@Entity
// By cluster and status: the counts of one cluster, taken for the plot of releases Ready at every revision applied.
@Table(name = "release", indexes = @Index(name = "release_cluster_status", columnList = "cluster, status"))
// Named, so Hibernate parses them at boot rather than on the first request's event-loop thread.
@NamedQuery(name = ReleaseStatus.COUNTS_BY_CLUSTER, query = "select cluster, status, count(*) from ReleaseStatus"
        + " group by cluster, status")
@NamedQuery(name = ReleaseStatus.COUNTS_OF_CLUSTER, query = "select status, count(*) from ReleaseStatus"
        + " where cluster = :cluster group by status")
@NamedQuery(name = ReleaseStatus.COUNTS_BY_SHA, query = "select sourceSha, status, count(*) from ReleaseStatus"
        + " where sourceSha in :shas group by sourceSha, status")
@NamedQuery(name = ReleaseStatus.LAST_RECONCILED_BY_CLUSTER, query = "select cluster, max(reconciledAt)"
        + " from ReleaseStatus group by cluster")
@NamedQuery(name = ReleaseStatus.COUNT_OF_NAMES_LIKE, query = "select count(distinct concat(namespace, '/', name))"
        + " from ReleaseStatus" + ReleaseStatus.NAME_LIKE)
@NamedQuery(name = ReleaseStatus.NAMES_LIKE, query = "select distinct namespace, name from ReleaseStatus"
        + ReleaseStatus.NAME_LIKE + " order by namespace, name")
@NamedQuery(name = ReleaseStatus.OF_NAMES, query = "from ReleaseStatus where concat(namespace, '/', name) in :keys")
@NamedQuery(name = ReleaseStatus.MATCHING, query = "from ReleaseStatus where" + ReleaseStatus.MATCH
        + " order by cluster, namespace, name")
@NamedQuery(name = ReleaseStatus.VIEWS_MATCHING, query = "select r.cluster, r.namespace, r.name, r.revision, r.status,"
        + " r.chart, r.chartVersion, r.sourceSha, r.appliedAt, r.message, r.reconciledAt, r.reconcileTrigger,"
        + " r.reconcileMessage, t.tenant from ReleaseStatus r left join ReleaseTenant t on t.releaseKey = r.releaseKey"
        + " where (:cluster is null or r.cluster = :cluster) and (:namespace is null or r.namespace = :namespace)"
        + " and (:status is null or r.status = :status) and (:tenant is null or t.tenant = :tenant)"
        + " order by r.cluster, r.namespace, r.name")
public class ReleaseStatus extends ReleaseRow {

    static final String COUNTS_BY_CLUSTER = "ReleaseStatus.countsByCluster";
    static final String COUNTS_OF_CLUSTER = "ReleaseStatus.countsOfCluster";
    static final String COUNTS_BY_SHA = "ReleaseStatus.countsBySha";
    static final String LAST_RECONCILED_BY_CLUSTER = "ReleaseStatus.lastReconciledByCluster";
    static final String COUNT_OF_NAMES_LIKE = "ReleaseStatus.countOfNamesLike";
    static final String NAMES_LIKE = "ReleaseStatus.namesLike";
    static final String OF_NAMES = "ReleaseStatus.ofNames";
    static final String MATCHING = "ReleaseStatus.matching";
    static final String VIEWS_MATCHING = "ReleaseStatus.viewsMatching";
    /** The releases on {@code :cluster}, in {@code :namespace}, with {@code :status}, of {@code :tenant}; null matches all. */
    static final String MATCH = " (:cluster is null or cluster = :cluster)"
            + " and (:namespace is null or namespace = :namespace) and (:status is null or status = :status)"
            + " and (:tenant is null or releaseKey in (select t.releaseKey from ReleaseTenant t where t.tenant = :tenant))";
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

    /** When the applier last reconciled the release: a {@link ReleaseReconciled}, or a revision applied. */
    public Instant reconciledAt;

    /**
     * Since when the release has been Ready without a break: the time of the revision or reconcile that found it Ready
     * after it was not; null while it is not Ready.
     */
    public Instant readySince;

    /**
     * What asked for the last reconcile ({@code interval}, {@code retry}, {@code request}, {@code cluster}); null for
     * a revision applied.
     */
    @Column(length = 32)
    public String reconcileTrigger;

    /** What the last reconcile found, for people; null for a revision applied. */
    @Column(columnDefinition = "text")
    public String reconcileMessage;

    /** The status {@code applied} says the release is in. */
    public static ReleaseStatus of(ReleaseApplied applied) {
        ReleaseStatus status = new ReleaseStatus();
        status.release(applied.release());
        status.update(applied);
        return status;
    }

    /** The status a reconcile says the release is in, for a release whose revision the observer has not seen. */
    public static ReleaseStatus of(ReleaseReconciled reconciled) {
        ReleaseStatus status = new ReleaseStatus();
        status.release(reconciled.release());
        status.revision = reconciled.revision();
        status.update(reconciled);
        status.becomes(reconciled.outcome(), reconciled.reconciledAt());
        return status;
    }

    /**
     * Takes {@code applied} unless it reports an older revision than the one shown: a late or
     * replayed event never rolls the status back. A revision applied is a reconcile too.
     */
    public void update(ReleaseApplied applied) {
        if (applied.revision() < revision) {
            return;
        }
        if (isNewerReconcile(applied.appliedAt())) {
            reconciledAt = applied.appliedAt();
            reconcileTrigger = null;
            reconcileMessage = null;
        }
        revision = applied.revision();
        becomes(applied.outcome(), applied.appliedAt());
        chart = applied.chartName();
        chartVersion = applied.chartVersion();
        sourceSha = applied.sourceSha();
        appliedAt = applied.appliedAt();
        message = applied.error();
    }

    /**
     * Takes when {@code reconciled} happened, unless a later reconcile is shown already; and the outcome it found of
     * the revision shown (or of a later one), since a reconcile that changes nothing can still find a Failed release
     * Ready again.
     */
    public void update(ReleaseReconciled reconciled) {
        if (!isNewerReconcile(reconciled.reconciledAt())) {
            return;
        }
        reconciledAt = reconciled.reconciledAt();
        reconcileTrigger = reconciled.trigger();
        reconcileMessage = reconciled.message();
        if (reconciled.revision() >= revision && reconciled.outcome() != null) {
            revision = reconciled.revision();
            becomes(reconciled.outcome(), reconciled.reconciledAt());
        }
    }

    /** The release is in {@code outcome} as of {@code at}: Ready since then if it was not Ready before. */
    private void becomes(Outcome outcome, Instant at) {
        if (outcome != Outcome.Ready) {
            readySince = null;
        } else if (status != Outcome.Ready || readySince == null) {
            readySince = at == null ? Instant.now() : at;
        }
        status = outcome;
    }

    private boolean isNewerReconcile(Instant at) {
        return at != null && (reconciledAt == null || at.isAfter(reconciledAt));
    }
}
