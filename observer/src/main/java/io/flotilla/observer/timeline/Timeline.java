package io.flotilla.observer.timeline;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.flotilla.events.Envelope;
import io.smallrye.mutiny.Uni;

/** Every event Flotilla's services emitted, each kept once, for the API and the dashboard. */
@ApplicationScoped
public class Timeline {

    private final Mutiny.SessionFactory sessions;

    public Timeline(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * Keeps {@code envelope} unless an event with its id is kept already: Kafka delivers at least
     * once, and a replayed or re-sent event must not show twice.
     *
     * @return whether the event is new
     */
    public Uni<Boolean> record(Mutiny.Session session, Envelope<?> envelope) {
        return session.find(TimelineEvent.class, envelope.id()).chain(existing -> existing != null
                ? Uni.createFrom().item(false)
                : session.persist(TimelineEvent.of(envelope)).replaceWith(true));
    }

    /** The journey of one commit (or drift, or image): every event carrying its correlation id, in time order. */
    public Uni<List<TimelineEvent>> journey(String correlationId) {
        return sessions.withSession(session -> session.createNamedQuery(TimelineEvent.OF_CORRELATION, TimelineEvent.class)
                .setParameter("correlationId", correlationId)
                .getResultList());
    }

    /** The latest events about one key (a release, a cluster, a repository), newest first. */
    public Uni<List<TimelineEvent>> ofKey(String key, int limit) {
        return sessions.withSession(session -> session.createNamedQuery(TimelineEvent.LATEST_OF_KEY, TimelineEvent.class)
                .setParameter("key", key).setMaxResults(limit).getResultList());
    }

    /** The commit that started this journey, or null when the observer has not seen it. */
    public Uni<TimelineEvent> commitOf(Mutiny.Session session, String correlationId) {
        return session.createNamedQuery(TimelineEvent.COMMIT_OF_CORRELATION, TimelineEvent.class)
                .setParameter("correlationId", correlationId).setMaxResults(1).getSingleResultOrNull();
    }

    /**
     * The commits that carry one of these correlation ids (git-watcher's {@code Auto-release} commits carry their
     * image event's), oldest first.
     */
    public Uni<List<TimelineEvent>> commitsOf(Collection<String> correlationIds) {
        if (correlationIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return sessions.withSession(session -> session.createNamedQuery(TimelineEvent.COMMITS_OF_CORRELATIONS,
                TimelineEvent.class).setParameter("correlationIds", correlationIds).getResultList());
    }

    /** The commit events of this sha, or of the shas it begins (one per repository that has it), oldest first. */
    public Uni<List<TimelineEvent>> commits(String sha) {
        return sessions.withSession(session -> session.createNamedQuery(TimelineEvent.COMMITS_OF_SHA, TimelineEvent.class)
                .setParameter("sha", sha.replace("%", "").replace("_", "") + "%").getResultList());
    }

    /** When the last event of each of these types came in the journey of this correlation id, by type. */
    public Uni<Map<String, Instant>> lastOfJourney(Mutiny.Session session, String correlationId,
            Collection<String> types) {
        return session.createNamedQuery(TimelineEvent.LAST_OF_JOURNEY_BY_TYPE, Object[].class)
                .setParameter("correlationId", correlationId).setParameter("types", types).getResultList()
                .map(rows -> {
                    Map<String, Instant> last = new HashMap<>();
                    rows.forEach(row -> last.put((String) row[0], (Instant) row[1]));
                    return last;
                });
    }

    /** The latest events of one type (such as {@code CommitDetected}), newest first. */
    public Uni<List<TimelineEvent>> latestOfType(String type, int limit) {
        return sessions.withSession(session -> session.createNamedQuery(TimelineEvent.LATEST_OF_TYPE, TimelineEvent.class)
                .setParameter("type", type).setMaxResults(limit).getResultList());
    }

    /** The latest events, newest first. */
    public Uni<List<TimelineEvent>> latest(int limit) {
        return sessions.withSession(session -> session.createNamedQuery(TimelineEvent.LATEST, TimelineEvent.class)
                .setMaxResults(limit)
                .getResultList());
    }
}
