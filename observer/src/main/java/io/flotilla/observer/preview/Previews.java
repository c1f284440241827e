package io.flotilla.observer.preview;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.events.PreviewChecked;
import io.flotilla.events.PreviewKey;
import io.flotilla.events.PreviewPlanned;
import io.flotilla.events.PreviewRequested;
import io.flotilla.events.ReleaseKey;
import io.smallrye.mutiny.Uni;

/**
 * Every preview's newest state in the observer's database: the newest request of each preview (an older one read late
 * is dropped), and the results of its commit. A request for a newer commit deletes the results of the older ones;
 * a result of another commit than the one asked for last is dropped when it is older than that request, and kept
 * unseen otherwise (its request, on another topic, may not be read yet). Nothing lives only in memory: a restarted
 * observer reads every preview back as it was.
 */
@ApplicationScoped
public class Previews {

    private static final Logger LOG = Logger.getLogger(Previews.class);
    /** Previews listed at most, newest first. */
    static final int LISTED = 500;

    private static final String LOCK = "select count(*) from (select pg_advisory_xact_lock(hashtext(?1))) as locked";

    private final Mutiny.SessionFactory sessions;

    public Previews(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * Keeps the request unless the preview was asked for later already.
     *
     * @param at when it was asked, if the request does not say
     * @return the preview as it stands after; empty when the request was dropped as older
     */
    public Uni<Optional<Preview>> requested(PreviewRequested request, Instant at) {
        String id = Preview.idOf(request.preview());
        Instant requestedAt = request.requestedAt() == null ? at : request.requestedAt();
        return sessions.withTransaction(session -> lock(session, id)
                .chain(() -> session.find(PreviewRequest.class, id))
                .chain(existing -> {
                    if (existing != null && existing.requestedAt.isAfter(requestedAt)) {
                        LOG.infof("preview %s: request of %s dropped, %s was asked for later", request.preview(),
                                request.sha(), existing.sha);
                        return Uni.createFrom().item(Optional.<Preview>empty());
                    }
                    PreviewRequest row = existing == null ? new PreviewRequest() : existing;
                    PreviewKey key = request.preview();
                    row.id = id;
                    row.previewKey = key.id();
                    row.repository = key.repository();
                    row.branch = key.branch();
                    row.pullRequest = key.pullRequest();
                    if (request.sha() != null) {
                        row.sha = request.sha();
                    } else if (row.sha == null) {
                        row.sha = "";
                    }
                    row.baseBranch = request.baseBranch() == null ? row.baseBranch : request.baseBranch();
                    row.title = request.title() == null ? row.title : request.title();
                    row.author = request.author() == null ? row.author : request.author();
                    row.requestedAt = requestedAt;
                    row.closed = request.closed();
                    Uni<Void> kept = existing == null ? session.persist(row) : Uni.createFrom().voidItem();
                    return kept.call(session::flush)
                            .call(() -> session.createNamedQuery(PreviewResult.OTHER_COMMITS)
                                    .setParameter("preview", id).setParameter("sha", row.sha).executeUpdate())
                            .chain(() -> read(session, row)).map(Optional::of);
                }));
    }

    /** Keeps the renderer's plan of a preview's commit; the preview as it stands after, when it is its newest commit. */
    public Uni<Optional<Preview>> planned(PreviewPlanned plan, Instant at) {
        return result(plan.preview(), plan.sha(), PreviewResult.PLAN, json(plan), at);
    }

    /** Keeps the applier's check of one release; the preview as it stands after, when it is its newest commit. */
    public Uni<Optional<Preview>> checked(PreviewChecked check, Instant at) {
        return result(check.preview(), check.sha(), check.release().toString(), json(check), at);
    }

    /** The newest previews first, at most {@value #LISTED}. */
    public Uni<List<Preview>> all() {
        return sessions.withSession(session -> session.createNamedQuery(PreviewRequest.NEWEST, PreviewRequest.class)
                .setMaxResults(LISTED).getResultList()
                .chain(requests -> session.createNamedQuery(PreviewResult.NEWEST_COMMITS, PreviewResult.class).getResultList()
                        .map(results -> {
                            Map<String, List<PreviewResult>> byCommit = new HashMap<>();
                            results.forEach(result -> byCommit.computeIfAbsent(result.previewId + " " + result.sha,
                                    commit -> new ArrayList<>()).add(result));
                            return requests.stream().map(request -> preview(request,
                                    byCommit.getOrDefault(request.id + " " + request.sha, List.of()))).toList();
                        })));
    }

    /** The preview of this id ({@link Preview#idOf}); empty when none was asked for. */
    public Uni<Optional<Preview>> find(String id) {
        return sessions.withSession(session -> session.find(PreviewRequest.class, id)
                .chain(row -> row == null ? Uni.createFrom().item(Optional.<Preview>empty())
                        : read(session, row).map(Optional::of)));
    }

    private Uni<Optional<Preview>> result(PreviewKey key, String sha, String release, String payload, Instant at) {
        String id = Preview.idOf(key);
        return sessions.withTransaction(session -> lock(session, id)
                .chain(() -> session.find(PreviewRequest.class, id)).chain(request -> {
            if (request != null && (request.closed || !request.sha.equals(sha) && !at.isAfter(request.requestedAt))) {
                LOG.infof("preview %s: result of %s dropped, %s", key, sha, request.closed ? "the preview is closed"
                        : request.sha + " was asked for later");
                return Uni.createFrom().item(Optional.<Preview>empty());
            }
            String resultId = PreviewResult.idOf(id, sha, release);
            return session.find(PreviewResult.class, resultId).chain(existing -> {
                PreviewResult row = existing == null ? new PreviewResult() : existing;
                row.id = resultId;
                row.previewId = id;
                row.sha = sha;
                row.release = release;
                row.payload = payload;
                row.receivedAt = at;
                return existing == null ? session.persist(row) : Uni.createFrom().voidItem();
            }).call(session::flush).chain(() -> request == null || !request.sha.equals(sha)
                    ? Uni.createFrom().item(Optional.<Preview>empty())
                    : read(session, request).map(Optional::of));
        }));
    }

    /**
     * Takes the preview's lock for the transaction: a request and a result of one preview, read on two channels at
     * once, are kept one after the other, so whichever comes second sees the first and tells how the preview stands
     * (a request's row may not exist yet, so the lock is not on it).
     */
    private static Uni<Object> lock(Mutiny.Session session, String id) {
        return session.createNativeQuery(LOCK).setParameter(1, "preview " + id).getSingleResult();
    }

    private static Uni<Preview> read(Mutiny.Session session, PreviewRequest request) {
        return session.createNamedQuery(PreviewResult.OF, PreviewResult.class).setParameter("preview", request.id)
                .setParameter("sha", request.sha).getResultList().map(results -> preview(request, results));
    }

    private static Preview preview(PreviewRequest request, List<PreviewResult> results) {
        PreviewPlanned plan = null;
        Map<ReleaseKey, PreviewChecked> checks = new HashMap<>();
        for (PreviewResult result : results) {
            if (result.release.equals(PreviewResult.PLAN)) {
                plan = decode(result.payload, PreviewPlanned.class);
            } else {
                PreviewChecked check = decode(result.payload, PreviewChecked.class);
                checks.put(check.release(), check);
            }
        }
        return new Preview(request.id, new PreviewKey(request.repository, request.branch, request.pullRequest),
                request.sha, request.baseBranch, request.title, request.author, request.requestedAt, request.closed,
                plan, checks);
    }

    private static String json(Object event) {
        try {
            return EventCodec.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("cannot write " + event.getClass().getSimpleName(), e);
        }
    }

    private static <T> T decode(String payload, Class<T> type) {
        try {
            return EventCodec.mapper().readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept " + type.getSimpleName() + " does not read back: "
                    + e.getOriginalMessage(), e);
        }
    }
}
