package io.flotilla.observer.bootstrap;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import io.flotilla.observer.release.ReleaseRow;

/**
 * A release the renderer publishes for a cluster now (its latest rendering, failed or not), with the rollout wave it
 * is in; gone once the renderer removes it. What a cluster's bootstrap counts.
 */
@Entity
@Table(name = "rendered_release", indexes = @Index(name = "rendered_release_cluster", columnList = "cluster"))
// Named, so Hibernate parses them at boot rather than on the first request's event-loop thread.
@NamedQuery(name = RenderedRelease.DELETE_OF_RELEASE, query = "delete from RenderedRelease where releaseKey = :key")
@NamedQuery(name = RenderedRelease.TOTALS, query = "select cluster, count(*) from RenderedRelease group by cluster")
@NamedQuery(name = RenderedRelease.READY, query = "select r.cluster, count(*) from RenderedRelease r where exists"
        + " (from ReleaseStatus s where s.releaseKey = r.releaseKey and s.status = :ready) group by r.cluster")
@NamedQuery(name = RenderedRelease.ALL_READY, query = "update RegistrationRecord c set c.allReadyAt = coalesce("
        + "(select max(s.readySince) from ReleaseStatus s where s.cluster = :cluster and s.releaseKey in"
        + " (select r.releaseKey from RenderedRelease r where r.cluster = :cluster)), :now)"
        + " where c.name = :cluster and c.removedAt is null and c.allReadyAt is null"
        + " and exists (from RenderedRelease r where r.cluster = :cluster)"
        + " and not exists (from RenderedRelease r where r.cluster = :cluster and not exists"
        + " (from ReleaseStatus s where s.releaseKey = r.releaseKey and s.status = :ready))")
@NamedQuery(name = RenderedRelease.UNSETTLED, query = "select c.name from RegistrationRecord c"
        + " where c.removedAt is null and c.allReadyAt is null")
@NamedQuery(name = RenderedRelease.WAVES, query = "select distinct cluster, waveName from RenderedRelease"
        + " where waveName is not null order by cluster, waveName")
public class RenderedRelease extends ReleaseRow {

    static final String DELETE_OF_RELEASE = "RenderedRelease.deleteOfRelease";
    static final String TOTALS = "RenderedRelease.totals";
    static final String READY = "RenderedRelease.ready";
    static final String WAVES = "RenderedRelease.waves";
    static final String ALL_READY = "RenderedRelease.allReady";
    static final String UNSETTLED = "RenderedRelease.unsettled";

    /** The wave of its rollout this cluster is in ({@code rollout.waveName}); null outside any rollout. */
    @Column(length = 253)
    public String waveName;

    public long commitOrder;
}
