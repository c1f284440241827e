package io.flotilla.observer.dashboard;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.flotilla.events.Outcome;
import io.flotilla.observer.release.ReleaseStatus;
import io.smallrye.mutiny.Uni;

/**
 * The releases whose latest revision failed or was rolled back, newest first: the headline of the overview names
 * them with their reason. Read a few at a time; a fleet where hundreds fail at once needs the matrix's filter.
 */
@ApplicationScoped
public class RecentFailures {

    private final Mutiny.SessionFactory sessions;

    public RecentFailures(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<List<ReleaseStatus>> latest(int limit) {
        return sessions.withSession(session -> session.createSelectionQuery("from ReleaseStatus"
                + " where status in :failed order by coalesce(reconciledAt, appliedAt) desc nulls last, releaseKey",
                ReleaseStatus.class).setParameter("failed", List.of(Outcome.Failed, Outcome.RolledBack))
                .setMaxResults(limit).getResultList());
    }
}
