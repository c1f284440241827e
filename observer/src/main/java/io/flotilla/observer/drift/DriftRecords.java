package io.flotilla.observer.drift;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.CompressedObjects;
import io.flotilla.events.DriftFound;
import io.flotilla.events.DriftMode;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.observer.timeline.Timeline;
import io.flotilla.observer.trend.Trends;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * What the drift watch keeps in PostgreSQL: the releases that drifted now, each drift found kept in the timeline
 * too so a release's history shows it (and counted for its day, for the dashboard's plot), and the releases it
 * follows, so a restarted observer follows them again and the instance watching a cluster follows the releases whose
 * events another instance read. The drift of a cluster's releases is written only by the instance watching it.
 * Written from the drift watch's own thread, which waits.
 */
@ApplicationScoped
public class DriftRecords {

    private static final TypeReference<List<DriftFound.DriftedObject>> OBJECTS = new TypeReference<>() {
    };
    private static final TypeReference<List<AppliedObject>> APPLIED_OBJECTS = new TypeReference<>() {
    };

    private static final String FOLLOWED = "insert into {h-schema}followed_release (release_key, cluster, applied_id,"
            + " changed_at, gone, applied, traceparent, objects, options) values (?1, ?2, ?3, ?4, false, ?5, ?6, ?7, ?8)"
            + " on conflict (release_key) do update set cluster = excluded.cluster, applied_id = excluded.applied_id,"
            + " changed_at = excluded.changed_at, gone = false, applied = excluded.applied,"
            + " traceparent = excluded.traceparent, objects = excluded.objects, options = excluded.options";

    private static final String RENDERING_KEPT = "insert into {h-schema}drift_rendering (release_key, input_digest,"
            + " options, objects) values (?1, ?2, ?3, ?4) on conflict (release_key) do update set"
            + " input_digest = excluded.input_digest, options = excluded.options, objects = excluded.objects";

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

    /** Forgets the drift of every release of the cluster but these: what was found of the others no longer holds. */
    void resolvedAllBut(String cluster, Set<ReleaseKey> releases) {
        List<String> kept = releases.stream().map(ReleaseKey::toString).toList();
        await(sessions.withTransaction(session -> (kept.isEmpty()
                ? session.createNamedQuery(DriftRecord.DELETE_OF_CLUSTER).setParameter("cluster", cluster)
                : session.createNamedQuery(DriftRecord.DELETE_OF_CLUSTER_BUT).setParameter("cluster", cluster)
                        .setParameter("kept", kept)).executeUpdate().replaceWithVoid()),
                "drift of releases of " + cluster + " no longer followed");
    }

    /** The drift last found of each release of the cluster that has one, by release. */
    Map<ReleaseKey, List<DriftFound.DriftedObject>> driftedOn(String cluster) {
        List<DriftRecord> rows = await(sessions.withSession(session -> session
                .createNamedQuery(DriftRecord.OF_CLUSTER, DriftRecord.class).setParameter("cluster", cluster)
                .getResultList()), "drift records of " + cluster);
        Map<ReleaseKey, List<DriftFound.DriftedObject>> drifted = new HashMap<>();
        rows.stream().map(DriftRecords::view).forEach(drift -> drifted.put(
                new ReleaseKey(drift.cluster(), drift.namespace(), drift.name()), drift.objects()));
        return drifted;
    }

    /**
     * Keeps what the release applied, replacing what it applied before; the instance watching its cluster reads it
     * from here when it did not read the events itself. One statement, as that instance may delete the row meanwhile.
     */
    void followed(AppliedEvent applied, ReleaseDrift drift) {
        ReleaseKey release = applied.payload().release();
        String event = EventCodec.encode(applied.envelope());
        String objects = json(drift.objects().stream().map(ref -> new AppliedObject(ref, drift.applied(ref))).toList(),
                release);
        String options = json(drift.options(), release);
        await(sessions.withTransaction(session -> session.createNativeQuery(FOLLOWED)
                .setParameter(1, release.toString()).setParameter(2, release.cluster())
                .setParameter(3, applied.envelope().id()).setParameter(4, Instant.now()).setParameter(5, event)
                .setParameter(6, applied.traceparent()).setParameter(7, objects).setParameter(8, options)
                .executeUpdate().replaceWithVoid()), "followed release " + release);
    }

    void unfollowed(ReleaseKey release) {
        await(sessions.withTransaction(session -> session
                .createNamedQuery(FollowedRelease.DELETE_OF_RELEASE)
                .setParameter("key", release.toString()).executeUpdate().replaceWithVoid()), "followed release " + release);
    }

    /** Tells the cluster's watcher that the release is no longer followed (it is not this instance). */
    void gone(ReleaseKey release) {
        await(sessions.withTransaction(session -> session.createNamedQuery(FollowedRelease.MARK_GONE)
                .setParameter("key", release.toString()).setParameter("at", Instant.now()).executeUpdate()
                .replaceWithVoid()), "followed release " + release);
    }

    /** Deletes the release's row if it is still marked gone: it may be followed again meanwhile. */
    void goneDeleted(ReleaseKey release) {
        await(sessions.withTransaction(session -> session.createNamedQuery(FollowedRelease.DELETE_GONE)
                .setParameter("key", release.toString()).executeUpdate().replaceWithVoid()),
                "followed release " + release);
    }

    /** Rows kept before they named their cluster are given it, so their cluster's watcher finds them. */
    void clustersNamed() {
        await(sessions.withTransaction(session -> session.createNamedQuery(FollowedRelease.FILL_CLUSTERS)
                .executeUpdate().replaceWithVoid()), "clusters of followed releases");
    }

    /**
     * Keeps the release's latest rendering in the transaction that keeps its event, for whichever instance reads its
     * applied event ({@link Renderings}); a release removed leaves none.
     */
    Uni<Void> rendered(Mutiny.Session session, ReleaseRendered rendered) {
        ReleaseKey release = rendered.release();
        if (rendered.removed()) {
            return session.createNamedQuery(KeptRendering.DELETE_OF_RELEASE).setParameter("key", release.toString())
                    .executeUpdate().replaceWithVoid();
        }
        if (rendered.objects() == null) {
            return Uni.createFrom().voidItem();
        }
        Rendering rendering = Rendering.of(rendered);
        return session.createNativeQuery(RENDERING_KEPT).setParameter(1, release.toString())
                .setParameter(2, rendering.inputDigest()).setParameter(3, json(rendering.options(), release))
                .setParameter(4, rendering.disabled() ? null : rendering.objects().gzipBase64())
                .executeUpdate().replaceWithVoid();
    }

    /** The release's latest rendering as {@link #rendered} kept it; empty when none is kept. */
    Optional<Rendering> renderingOf(ReleaseKey release) {
        KeptRendering row = await(sessions.withSession(session -> session.find(KeptRendering.class,
                release.toString())), "rendering of " + release);
        if (row == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Rendering(row.inputDigest, EventCodec.mapper().readValue(row.options,
                    ReleaseOptions.class), row.objects == null ? null : new CompressedObjects(row.objects)));
        } catch (JsonProcessingException e) {
            throw new EventFormatException("rendering of " + release + ": stored options cannot be read", e);
        }
    }

    /** Every release of the cluster as {@link #followed} kept it, those marked gone too. */
    List<Followed> followedOn(String cluster) {
        List<FollowedRelease> rows = await(sessions.withSession(session -> session
                .createNamedQuery(FollowedRelease.OF_CLUSTER, FollowedRelease.class).setParameter("cluster", cluster)
                .getResultList()), "followed releases of " + cluster);
        return rows.stream().map(DriftRecords::followed).toList();
    }

    /** The release as {@link #followed} kept it; empty when it has no row. */
    Optional<Followed> followedOf(ReleaseKey release) {
        FollowedRelease row = await(sessions.withSession(session -> session.find(FollowedRelease.class,
                release.toString())), "followed release " + release);
        return Optional.ofNullable(row).map(DriftRecords::followed);
    }

    /** What was written of each release since then, without reading what it applied. */
    List<Change> changedSince(Instant since) {
        List<Object[]> rows = await(sessions.withSession(session -> session
                .createNamedQuery(FollowedRelease.CHANGED_SINCE, Object[].class).setParameter("since", since)
                .getResultList()), "followed releases changed");
        return rows.stream().map(row -> new Change(ReleaseKey.parse((String) row[0]), (String) row[1],
                Boolean.TRUE.equals(row[2]))).toList();
    }

    /** A row written: the release, the id of the applied event it follows, and whether it is no longer followed. */
    record Change(ReleaseKey release, String appliedId, boolean gone) {
    }

    /** A followed release as stored; {@code gone} when it is no longer followed. */
    record Followed(AppliedEvent applied, Map<ObjectRef, JsonNode> objects, ReleaseOptions options, boolean gone) {
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
                    objects, EventCodec.mapper().readValue(row.options, ReleaseOptions.class),
                    Boolean.TRUE.equals(row.gone));
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
