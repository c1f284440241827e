package io.flotilla.observer.release;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.ReleaseReconciled;
import io.smallrye.mutiny.Uni;

/**
 * The latest status of every release on every cluster, and when each was last reconciled, from the applier's
 * {@code ReleaseApplied} and {@code ReleaseReconciled} events.
 */
@ApplicationScoped
public class Releases {

    private final Mutiny.SessionFactory sessions;

    public Releases(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<Void> applied(Mutiny.Session session, ReleaseApplied applied) {
        return session.find(ReleaseStatus.class, applied.release().toString()).chain(existing -> {
            if (existing == null) {
                return session.persist(ReleaseStatus.of(applied));
            }
            existing.update(applied);
            return Uni.createFrom().voidItem();
        });
    }

    /** @return whether the release's status changed (a reconcile can find a Failed release Ready again) */
    public Uni<Boolean> reconciled(Mutiny.Session session, ReleaseReconciled reconciled) {
        return session.find(ReleaseStatus.class, reconciled.release().toString()).chain(existing -> {
            if (existing == null) {
                ReleaseStatus first = ReleaseStatus.of(reconciled);
                return session.persist(first).replaceWith(first.status != null);
            }
            Outcome before = existing.status;
            existing.update(reconciled);
            return Uni.createFrom().item(existing.status != before);
        });
    }

    /**
     * Keeps the tenant of a release's rendering ({@link ReleaseTenant}). A rendering that failed says nothing of it (the
     * tenant of the release's last good rendering stays); a removed release's, or a platform release's, is forgotten.
     */
    public Uni<Void> rendered(Mutiny.Session session, ReleaseRendered rendered) {
        String key = rendered.release().toString();
        if (rendered.failed() && !rendered.removed()) {
            return Uni.createFrom().voidItem();
        }
        if (rendered.removed() || rendered.tenant() == null) {
            return session.createNamedQuery(ReleaseTenant.FORGET).setParameter("key", key).executeUpdate()
                    .replaceWithVoid();
        }
        String tenant = rendered.tenant().name();
        return session.find(ReleaseTenant.class, key).chain(known -> {
            if (known != null) {
                known.tenant = tenant;
                return Uni.createFrom().voidItem();
            }
            ReleaseTenant row = new ReleaseTenant();
            row.releaseKey = key;
            row.tenant = tenant;
            return session.persist(row);
        });
    }

    /** The tenant of each of these releases ({@code cluster/namespace/name}) that has one. */
    public Uni<Map<String, String>> tenantsOf(Collection<String> releaseKeys) {
        if (releaseKeys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return sessions.withSession(session -> session.createNamedQuery(ReleaseTenant.OF_RELEASES, ReleaseTenant.class)
                .setParameter("keys", releaseKeys).getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(row -> row.releaseKey, row -> row.tenant)));
    }

    /** How many releases each cluster has in each status, for the cluster cards. */
    public Uni<Map<String, Map<Outcome, Long>>> countsByCluster() {
        return sessions.withSession(session -> session.createNamedQuery(ReleaseStatus.COUNTS_BY_CLUSTER, Object[].class)
                .getResultList())
                .map(rows -> {
                    Map<String, Map<Outcome, Long>> counts = new TreeMap<>();
                    rows.forEach(row -> counts.computeIfAbsent((String) row[0], cluster -> new EnumMap<>(Outcome.class))
                            .put((Outcome) row[1], (Long) row[2]));
                    return counts;
                });
    }

    /** How many releases one cluster has in each status, as the session sees them (its own changes written first). */
    public Uni<Map<Outcome, Long>> countsOf(Mutiny.Session session, String cluster) {
        return session.flush().chain(() -> session.createNamedQuery(ReleaseStatus.COUNTS_OF_CLUSTER, Object[].class)
                .setParameter("cluster", cluster).getResultList())
                .map(rows -> {
                    Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
                    rows.forEach(row -> counts.put((Outcome) row[0], (Long) row[1]));
                    return counts;
                });
    }

    /**
     * For each of these commits, how many releases (on any cluster) have it as their latest applied revision's source,
     * in each status.
     */
    public Uni<Map<String, Map<Outcome, Long>>> countsByCommit(Collection<String> shas) {
        if (shas.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return sessions.withSession(session -> session.createNamedQuery(ReleaseStatus.COUNTS_BY_SHA, Object[].class)
                .setParameter("shas", shas).getResultList())
                .map(rows -> {
                    Map<String, Map<Outcome, Long>> counts = new TreeMap<>();
                    rows.forEach(row -> counts.computeIfAbsent((String) row[0], sha -> new EnumMap<>(Outcome.class))
                            .put((Outcome) row[1], (Long) row[2]));
                    return counts;
                });
    }

    /** When the applier last reconciled a release of each cluster. */
    public Uni<Map<String, Instant>> lastReconciledByCluster() {
        return sessions.withSession(session -> session
                .createNamedQuery(ReleaseStatus.LAST_RECONCILED_BY_CLUSTER, Object[].class).getResultList())
                .map(rows -> {
                    Map<String, Instant> last = new TreeMap<>();
                    rows.stream().filter(row -> row[1] != null)
                            .forEach(row -> last.put((String) row[0], (Instant) row[1]));
                    return last;
                });
    }

    /**
     * One page of the release x cluster matrix: the releases ({@code namespace/name}) containing {@code filter}, in
     * order, {@code size} from {@code offset}, each with its status on every cluster it runs on.
     */
    public Uni<ReleasePage> page(String filter, int offset, int size) {
        String like = filter == null || filter.isBlank() ? null
                : "%" + filter.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
        return sessions.withSession(session -> session.createNamedQuery(ReleaseStatus.COUNT_OF_NAMES_LIKE, Long.class)
                .setParameter("like", like).getSingleResult()
                .chain(total -> session.createNamedQuery(ReleaseStatus.NAMES_LIKE, Object[].class)
                        .setParameter("like", like).setFirstResult(offset).setMaxResults(size).getResultList()
                        .chain(rows -> {
                            List<String> keys = rows.stream().map(row -> row[0] + "/" + row[1]).toList();
                            if (keys.isEmpty()) {
                                return Uni.createFrom().item(new ReleasePage(List.of(), List.of(), total));
                            }
                            return session.createNamedQuery(ReleaseStatus.OF_NAMES, ReleaseStatus.class).setParameter("keys", keys).getResultList()
                                    .map(releases -> new ReleasePage(keys, releases, total));
                        })));
    }

    /**
     * @param rows     the page's releases as {@code namespace/name}, in order
     * @param releases their status on every cluster
     * @param total    how many releases match in all
     */
    public record ReleasePage(List<String> rows, List<ReleaseStatus> releases, long total) {
    }

    /**
     * What the API shows of the releases {@link #matching} gives for the same filters, each with its tenant: read in
     * one query of the columns shown, none of them kept as an entity, however many releases match.
     */
    public Uni<List<ReleaseView>> viewsMatching(String cluster, String namespace, Outcome status, String tenant) {
        return sessions.withSession(session -> session.createNamedQuery(ReleaseStatus.VIEWS_MATCHING, Object[].class)
                .setParameter("cluster", cluster).setParameter("namespace", namespace).setParameter("status", status)
                .setParameter("tenant", tenant).getResultList())
                .map(rows -> rows.stream().map(Releases::view).toList());
    }

    private static ReleaseView view(Object[] row) {
        return new ReleaseView((String) row[0], (String) row[1], (String) row[2], (Integer) row[3],
                ((Outcome) row[4]).name(), (String) row[5], (String) row[6], (String) row[7], (Instant) row[8],
                (String) row[9], (Instant) row[10], (String) row[11], (String) row[12], (String) row[13]);
    }

    /** The releases on this cluster, in this namespace, with this status, of this tenant; a null filter matches all. */
    public Uni<List<ReleaseStatus>> matching(String cluster, String namespace, Outcome status, String tenant) {
        return sessions.withSession(session -> session.createNamedQuery(ReleaseStatus.MATCHING, ReleaseStatus.class)
                .setParameter("cluster", cluster).setParameter("namespace", namespace).setParameter("status", status)
                .setParameter("tenant", tenant).getResultList());
    }
}
