package io.flotilla.observer.dashboard;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.flotilla.observer.release.ReleaseStatus;
import io.flotilla.observer.release.Releases.ReleasePage;
import io.smallrye.mutiny.Uni;

/**
 * One page of the release x cluster matrix as the filter chooses it: the releases ({@code namespace/name}) that run
 * on the clusters shown, contain the text, are in the namespace, are the tenant's, and have the status on one of those
 * clusters; each
 * with its cells on those clusters. Only what the filter asks is put in the query, so PostgreSQL never has to guess
 * the type of a parameter left null.
 */
@ApplicationScoped
public class MatrixRows {

    private final Mutiny.SessionFactory sessions;

    public MatrixRows(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * @param clusters the clusters shown; null for every cluster
     */
    public Uni<ReleasePage> page(MatrixFilter filter, Collection<String> clusters, int offset, int size) {
        if (clusters != null && clusters.isEmpty()) {
            return Uni.createFrom().item(new ReleasePage(List.of(), List.of(), 0));
        }
        String where = where(filter, clusters);
        return sessions.withSession(session -> parameters(session.createSelectionQuery(
                "select count(distinct concat(namespace, '/', name)) from ReleaseStatus" + where, Long.class),
                filter, clusters).getSingleResult()
                .chain(total -> parameters(session.createSelectionQuery("select distinct namespace, name"
                        + " from ReleaseStatus" + where + " order by namespace, name", Object[].class),
                        filter, clusters)
                        .setFirstResult(offset).setMaxResults(size).getResultList()
                        .chain(rows -> {
                            List<String> keys = rows.stream().map(row -> row[0] + "/" + row[1]).toList();
                            if (keys.isEmpty()) {
                                return Uni.createFrom().item(new ReleasePage(List.of(), List.of(), total));
                            }
                            var cells = session.createSelectionQuery("from ReleaseStatus"
                                    + " where concat(namespace, '/', name) in :keys"
                                    + (clusters == null ? "" : " and cluster in :clusters"), ReleaseStatus.class)
                                    .setParameter("keys", keys);
                            if (clusters != null) {
                                cells.setParameter("clusters", clusters);
                            }
                            return cells.getResultList().map(releases -> new ReleasePage(keys, releases, total));
                        })));
    }

    private static String where(MatrixFilter filter, Collection<String> clusters) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (filter.text() != null) {
            where.append(" and lower(concat(namespace, '/', name)) like :like");
        }
        if (filter.namespace() != null) {
            where.append(" and namespace = :namespace");
        }
        if (filter.tenant() != null) {
            where.append(" and releaseKey in (select t.releaseKey from ReleaseTenant t where t.tenant = :tenant)");
        }
        if (clusters != null) {
            where.append(" and cluster in :clusters");
        }
        if (filter.outcome() != null) {
            where.append(" and status = :status");
        }
        if (filter.drifted()) {
            where.append(" and releaseKey in (select d.releaseKey from DriftRecord d)");
        }
        return where.toString();
    }

    private static <Q extends Mutiny.SelectionQuery<?>> Q parameters(Q query, MatrixFilter filter,
            Collection<String> clusters) {
        if (filter.text() != null) {
            query.setParameter("like", "%" + filter.text().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "")
                    + "%");
        }
        if (filter.namespace() != null) {
            query.setParameter("namespace", filter.namespace());
        }
        if (filter.tenant() != null) {
            query.setParameter("tenant", filter.tenant());
        }
        if (clusters != null) {
            query.setParameter("clusters", clusters);
        }
        if (filter.outcome() != null) {
            query.setParameter("status", filter.outcome());
        }
        return query;
    }
}
