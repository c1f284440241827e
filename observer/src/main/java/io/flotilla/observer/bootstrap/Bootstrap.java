package io.flotilla.observer.bootstrap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseRendered;
import io.smallrye.mutiny.Uni;

/**
 * Each cluster's bootstrap: the releases rendered for it now, how many are Ready, and when all of them first were
 * since it was registered (kept on its registration, so it is told once, and anew when it registers again).
 */
@ApplicationScoped
public class Bootstrap {

    private final Mutiny.SessionFactory sessions;

    public Bootstrap(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Keeps the rendering as what the renderer publishes for its cluster now, or forgets a release it removed. */
    public Uni<Void> rendered(Mutiny.Session session, ReleaseRendered rendered) {
        String key = rendered.release().toString();
        if (rendered.removed()) {
            return session.createNamedQuery(RenderedRelease.DELETE_OF_RELEASE).setParameter("key", key)
                    .executeUpdate().replaceWithVoid();
        }
        return session.find(RenderedRelease.class, key).chain(existing -> {
            if (existing != null && existing.commitOrder > rendered.commitOrder()) {
                return Uni.createFrom().voidItem();
            }
            RenderedRelease release = existing == null ? new RenderedRelease() : existing;
            release.release(rendered.release());
            release.commitOrder = rendered.commitOrder();
            release.waveName = rendered.rollout() == null ? null : rendered.rollout().waveName();
            return existing == null ? session.persist(release) : Uni.createFrom().voidItem();
        });
    }

    /**
     * Marks the cluster's bootstrap done when every release rendered for it is Ready and it was not marked yet: at the
     * time the last of them became Ready ({@code readySince}; now for releases Ready since before that was kept). Asked
     * by {@link io.flotilla.observer.intake.Recounts} for the clusters that had events, after those are committed, so
     * whatever order two releases become Ready in, the question asked after both sees both.
     */
    public Uni<Void> settle(String cluster) {
        return sessions.withTransaction(session -> session.createNamedQuery(RenderedRelease.ALL_READY)
                .setParameter("now", Instant.now()).setParameter("cluster", cluster)
                .setParameter("ready", Outcome.Ready).executeUpdate().replaceWithVoid());
    }

    /** The registered clusters whose bootstrap is not done yet: those to ask again after a restart. */
    public Uni<List<String>> unsettled() {
        return sessions.withSession(session -> session.createNamedQuery(RenderedRelease.UNSETTLED, String.class)
                .getResultList());
    }

    /** Per cluster, how many releases are rendered for it and how many of those are Ready. */
    public Uni<Map<String, Counts>> counts() {
        return sessions.withSession(session -> session.createNamedQuery(RenderedRelease.TOTALS, Object[].class)
                .getResultList().chain(totals -> session.createNamedQuery(RenderedRelease.READY, Object[].class)
                        .setParameter("ready", Outcome.Ready).getResultList().map(ready -> {
                            Map<String, Counts> counts = new TreeMap<>();
                            totals.forEach(row -> counts.put((String) row[0], new Counts(0, (Long) row[1])));
                            ready.forEach(row -> counts.computeIfPresent((String) row[0],
                                    (cluster, known) -> new Counts((Long) row[1], known.total())));
                            return counts;
                        })));
    }

    /** Per cluster, the rollout waves its renderings are in, by name. */
    public Uni<Map<String, List<String>>> waves() {
        return sessions.withSession(session -> session.createNamedQuery(RenderedRelease.WAVES, Object[].class)
                .getResultList().map(rows -> {
                    Map<String, List<String>> waves = new TreeMap<>();
                    rows.forEach(row -> waves.computeIfAbsent((String) row[0], cluster -> new ArrayList<>())
                            .add((String) row[1]));
                    return waves;
                }));
    }

    /** @param ready how many of the {@code total} releases rendered for a cluster are Ready */
    public record Counts(long ready, long total) {
    }
}
