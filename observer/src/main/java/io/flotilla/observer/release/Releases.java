package io.flotilla.observer.release;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.smallrye.mutiny.Uni;

/** The latest status of every release on every cluster, from the applier's {@code ReleaseApplied} events. */
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

    public Uni<List<ReleaseStatus>> all() {
        return matching(null, null, null);
    }

    /** The releases on this cluster, in this namespace, with this status; a null filter matches all. */
    public Uni<List<ReleaseStatus>> matching(String cluster, String namespace, Outcome status) {
        return sessions.withSession(session -> session.createQuery("from ReleaseStatus"
                + " where (:cluster is null or cluster = :cluster) and (:namespace is null or namespace = :namespace)"
                + " and (:status is null or status = :status) order by cluster, namespace, name", ReleaseStatus.class)
                .setParameter("cluster", cluster).setParameter("namespace", namespace).setParameter("status", status)
                .getResultList());
    }
}
