package io.flotilla.observer.drift;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.flotilla.events.DriftFound;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.timeline.Timeline;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The releases that drifted now, in PostgreSQL; each drift found is kept in the timeline too, so a release's
 * history shows it. Written from the drift watch's own thread, which waits.
 */
@ApplicationScoped
public class DriftRecords {

    private static final TypeReference<List<DriftFound.DriftedObject>> OBJECTS = new TypeReference<>() {
    };

    private final Mutiny.SessionFactory sessions;
    private final Timeline timeline;

    public DriftRecords(Mutiny.SessionFactory sessions, Timeline timeline) {
        this.sessions = sessions;
        this.timeline = timeline;
    }

    void found(Envelope<DriftFound> envelope, String mode) {
        DriftFound drift = envelope.payload();
        String objects = json(drift);
        await(sessions.withTransaction(session -> session.find(DriftRecord.class, drift.release().toString())
                .chain(existing -> {
                    DriftRecord record = existing == null ? new DriftRecord() : existing;
                    record.releaseKey = drift.release().toString();
                    record.cluster = drift.release().cluster();
                    record.namespace = drift.release().namespace();
                    record.name = drift.release().name();
                    record.revision = drift.revision();
                    record.mode = mode;
                    record.foundAt = envelope.time();
                    record.objects = objects;
                    return existing == null ? session.persist(record) : Uni.createFrom().voidItem();
                }).call(() -> timeline.record(session, envelope))), drift.release());
    }

    void resolved(ReleaseKey release) {
        await(sessions.withTransaction(session -> session
                .createMutationQuery("delete from DriftRecord where releaseKey = :key")
                .setParameter("key", release.toString()).executeUpdate().replaceWithVoid()), release);
    }

    public Uni<List<DriftView>> all() {
        return sessions.withSession(session -> session
                .createQuery("from DriftRecord order by cluster, namespace, name", DriftRecord.class).getResultList())
                .map(all -> all.stream().map(DriftRecords::view).toList());
    }

    /** A drifted release as the API shows it. */
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
        try {
            return EventCodec.mapper().writeValueAsString(drift.objects());
        } catch (JsonProcessingException e) {
            throw new EventFormatException("drift of " + drift.release() + ": objects cannot be written as JSON", e);
        }
    }

    private static void await(Uni<Void> work, ReleaseKey release) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> work);
        } catch (Throwable e) {
            throw new IllegalStateException("drift of " + release + ": not stored", e);
        }
    }
}
