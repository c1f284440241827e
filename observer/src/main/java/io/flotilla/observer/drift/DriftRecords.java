package io.flotilla.observer.drift;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.DriftFound;
import io.flotilla.events.DriftMode;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.observer.timeline.Timeline;
import io.flotilla.observer.trend.Trends;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * What the drift watch keeps in PostgreSQL: the releases that drifted now, each drift found kept in the timeline
 * too so a release's history shows it (and counted for its day, for the dashboard's plot), and the releases it follows, so a restarted observer follows them again.
 * Written from the drift watch's own thread, which waits.
 */
@ApplicationScoped
public class DriftRecords {

    private static final TypeReference<List<DriftFound.DriftedObject>> OBJECTS = new TypeReference<>() {
    };
    private static final TypeReference<List<AppliedObject>> APPLIED_OBJECTS = new TypeReference<>() {
    };

    private final Mutiny.SessionFactory sessions;
    private final Timeline timeline;
    private final Trends trends;

    public DriftRecords(Mutiny.SessionFactory sessions, Timeline timeline, Trends trends) {
        this.sessions = sessions;
        this.timeline = timeline;
        this.trends = trends;
    }

    void found(Envelope<DriftFound> envelope, DriftMode mode) {
        DriftFound drift = envelope.payload();
        String objects = json(drift);
        await(sessions.withTransaction(session -> session.find(DriftRecord.class, drift.release().toString())
                .chain(existing -> {
                    DriftRecord record = existing == null ? new DriftRecord() : existing;
                    record.release(drift.release());
                    record.revision = drift.revision();
                    record.mode = mode == null ? null : mode.wire();
                    record.foundAt = envelope.time();
                    record.objects = objects;
                    return existing == null ? session.persist(record) : Uni.createFrom().voidItem();
                }).call(() -> timeline.record(session, envelope))
                .call(() -> trends.driftFound(session, envelope.time()))), "drift of " + drift.release());
    }

    void resolved(ReleaseKey release) {
        await(sessions.withTransaction(session -> session
                .createNamedQuery(DriftRecord.DELETE_OF_RELEASE)
                .setParameter("key", release.toString()).executeUpdate().replaceWithVoid()), "drift of " + release);
    }

    /** Forgets the drift of every release but these: what was found of the others no longer holds. */
    void resolvedAllBut(Set<ReleaseKey> releases) {
        List<String> kept = releases.stream().map(ReleaseKey::toString).toList();
        await(sessions.withTransaction(session -> (kept.isEmpty()
                ? session.createNamedQuery(DriftRecord.DELETE_ALL)
                : session.createNamedQuery(DriftRecord.DELETE_ALL_BUT)
                        .setParameter("kept", kept)).executeUpdate().replaceWithVoid()), "drift of releases no longer followed");
    }

    /** The drift last found of each release that has one, by release. */
    Map<ReleaseKey, List<DriftFound.DriftedObject>> drifted() {
        Map<ReleaseKey, List<DriftFound.DriftedObject>> drifted = new HashMap<>();
        await(all(), "drift records").forEach(drift -> drifted.put(
                new ReleaseKey(drift.cluster(), drift.namespace(), drift.name()), drift.objects()));
        return drifted;
    }

    /** Keeps what the release applied, replacing what it applied before. */
    void followed(AppliedEvent applied, ReleaseDrift drift) {
        ReleaseKey release = applied.payload().release();
        String event = EventCodec.encode(applied.envelope());
        String objects = json(drift.applied().entrySet().stream()
                .map(object -> new AppliedObject(object.getKey(), object.getValue())).toList(), release);
        String options = json(drift.options(), release);
        await(sessions.withTransaction(session -> session.find(FollowedRelease.class, release.toString())
                .chain(existing -> {
                    FollowedRelease followed = existing == null ? new FollowedRelease() : existing;
                    followed.releaseKey = release.toString();
                    followed.applied = event;
                    followed.traceparent = applied.traceparent();
                    followed.objects = objects;
                    followed.options = options;
                    return existing == null ? session.persist(followed) : Uni.createFrom().voidItem();
                })), "followed release " + release);
    }

    void unfollowed(ReleaseKey release) {
        await(sessions.withTransaction(session -> session
                .createNamedQuery(FollowedRelease.DELETE_OF_RELEASE)
                .setParameter("key", release.toString()).executeUpdate().replaceWithVoid()), "followed release " + release);
    }

    /** Every release followed when the observer stopped, as {@link #followed} kept it. */
    List<Followed> allFollowed() {
        List<FollowedRelease> rows = await(sessions.withSession(session -> session
                .createNamedQuery(FollowedRelease.ALL, FollowedRelease.class).getResultList()), "followed releases");
        return rows.stream().map(DriftRecords::followed).toList();
    }

    /** A followed release as stored. */
    record Followed(AppliedEvent applied, Map<ObjectRef, JsonNode> objects, ReleaseOptions options) {
    }

    /** One object as applied, with its reference: a map keyed by references is no JSON object. */
    private record AppliedObject(ObjectRef ref, JsonNode applied) {
    }

    private static Followed followed(FollowedRelease row) {
        try {
            Map<ObjectRef, JsonNode> objects = new HashMap<>();
            EventCodec.mapper().readValue(row.objects, APPLIED_OBJECTS)
                    .forEach(object -> objects.put(object.ref(), object.applied()));
            return new Followed(new AppliedEvent(EventCodec.decode(row.applied, ReleaseApplied.class), row.traceparent),
                    objects, EventCodec.mapper().readValue(row.options, ReleaseOptions.class));
        } catch (JsonProcessingException e) {
            throw new EventFormatException("followed release " + row.releaseKey + ": stored objects cannot be read", e);
        }
    }

    public Uni<List<DriftView>> all() {
        return first(Integer.MAX_VALUE);
    }

    /** The first drifted releases, in the order of cluster, namespace and name, at most {@code limit}. */
    public Uni<List<DriftView>> first(int limit) {
        return sessions.withSession(session -> session
                .createNamedQuery(DriftRecord.IN_ORDER, DriftRecord.class)
                .setMaxResults(limit).getResultList())
                .map(all -> all.stream().map(DriftRecords::view).toList());
    }

    /** Every drifted release as {@code cluster/namespace/name}, without reading what drifted. */
    public Uni<Set<String>> releases() {
        return sessions.withSession(session -> session
                .createNamedQuery(DriftRecord.RELEASE_KEYS, String.class).getResultList())
                .map(Set::copyOf);
    }

    /**
     * A drifted release as the API shows it.
     *
     * @param mode {@code warn} or {@code enabled} as the release says; null when it says nothing, and the fleet's
     *             default says whether the applier corrects it
     */
    public record DriftView(String cluster, String namespace, String name, int revision, String mode, Instant foundAt,
            List<DriftFound.DriftedObject> objects) {
    }

    private static DriftView view(DriftRecord record) {
        try {
            return new DriftView(record.cluster, record.namespace, record.name, record.revision, record.mode,
                    record.foundAt, EventCodec.mapper().readValue(record.objects, OBJECTS));
        } catch (JsonProcessingException e) {
            throw new EventFormatException("drift of " + record.releaseKey + ": stored objects cannot be read", e);
        }
    }

    private static String json(DriftFound drift) {
        return json(drift.objects(), drift.release());
    }

    private static String json(Object value, ReleaseKey release) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("drift of " + release + ": cannot be written as JSON", e);
        }
    }

    private static <T> T await(Uni<T> work, String what) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> work);
        } catch (Throwable e) {
            throw new IllegalStateException(what + ": not stored or read", e);
        }
    }
}
