package io.flotilla.observer.pullsecret;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.events.PullSecretsSynced;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Each cluster's latest {@link PullSecretsSynced}: a sync older than the one kept (a late or replayed record) changes
 * nothing. A cluster that leaves the registry takes its record with it, so a cluster registered again shows only what
 * registry-secrets finds there from then on.
 */
@ApplicationScoped
public class PullSecretSyncs {

    private final Mutiny.SessionFactory sessions;
    private final Fleet fleet;

    public PullSecretSyncs(Mutiny.SessionFactory sessions, Fleet fleet) {
        this.sessions = sessions;
        this.fleet = fleet;
    }

    void start(@Observes StartupEvent started) {
        fleet.listen(new Fleet.Listener() {
            @Override
            public void left(RegisteredCluster cluster, boolean uninstall) {
                forget(cluster.name());
            }
        });
    }

    public Uni<Void> synced(Mutiny.Session session, PullSecretsSynced synced) {
        return session.find(PullSecretRecord.class, synced.cluster()).chain(existing -> {
            if (existing != null && existing.syncedAt.isAfter(synced.syncedAt())) {
                return Uni.createFrom().voidItem();
            }
            PullSecretRecord record = existing == null ? new PullSecretRecord() : existing;
            record.cluster = synced.cluster();
            record.syncedAt = synced.syncedAt();
            record.sync = json(synced);
            return existing == null ? session.persist(record) : Uni.createFrom().voidItem();
        });
    }

    /** Every cluster's pull secrets, by cluster name. */
    public Uni<Map<String, PullSecretsView>> all() {
        return sessions.withSession(session -> session.createNamedQuery(PullSecretRecord.ALL, PullSecretRecord.class)
                .getResultList()).map(records -> {
                    Map<String, PullSecretsView> views = new TreeMap<>();
                    records.forEach(record -> views.put(record.cluster, PullSecretsView.of(read(record.sync))));
                    return views;
                });
    }

    /** On the registry's thread, as the cluster leaves: waits for the delete. */
    private void forget(String cluster) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction(session -> session
                    .createNamedQuery(PullSecretRecord.DELETE_OF_CLUSTER).setParameter("cluster", cluster)
                    .executeUpdate()));
        } catch (Throwable e) {
            throw new IllegalStateException("cluster " + cluster + ": pull secrets not dropped", e);
        }
    }

    private static String json(PullSecretsSynced synced) {
        try {
            return EventCodec.mapper().writeValueAsString(synced);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("cannot write the pull secrets of cluster " + synced.cluster(), e);
        }
    }

    private static PullSecretsSynced read(String json) {
        try {
            return EventCodec.mapper().readValue(json, PullSecretsSynced.class);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("cannot read the pull secrets kept: " + e.getOriginalMessage(), e);
        }
    }
}
