package io.flotilla.observer.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.flotilla.events.ClusterState;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.observer.cluster.WatchedClusters;
import io.flotilla.observer.timeline.EventStream;
import io.flotilla.observer.trend.Trends;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Every cluster's latest state: published to the clusters topic, kept in PostgreSQL for the API (with its versions
 * when they changed, {@link Trends#versionsSeen}), and passed to the live event stream so the dashboard's cluster cards
 * follow.
 */
@ApplicationScoped
public class ClusterStates {

    private final Mutiny.SessionFactory sessions;
    private final WatchedClusters clusters;
    private final ClusterStateTopic topic;
    private final EventStream stream;
    private final Trends trends;
    /**
     * Each cluster's state as last read, with the JSON it was read from: the dashboard asks often, and a state
     * stored unchanged (another instance watches the cluster) is not parsed again.
     */
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    /** Two at a time: enough for a fleet's states, while the intake and the API keep the rest of the database pool. */
    private final ExecutorService keepers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "cluster-state");
        thread.setDaemon(true);
        return thread;
    });
    private final NewestStates waiting = new NewestStates(keepers, this::keep);

    /** Per cluster, held while a state is kept or the cluster forgotten, so a state never outlives its cluster. */
    private final Map<String, Object> clusterLocks = new ConcurrentHashMap<>();

    public ClusterStates(Mutiny.SessionFactory sessions, WatchedClusters clusters, ClusterStateTopic topic,
            EventStream stream, Trends trends) {
        this.trends = trends;
        this.sessions = sessions;
        this.clusters = clusters;
        this.topic = topic;
        this.stream = stream;
    }

    /** Keeps the state apart from the caller; while a cluster's state waits, a newer one replaces it. */
    void observed(ClusterState state) {
        waiting.offer(state);
    }

    /**
     * Waits for the store and the send, on a thread of its own, never the event loop. The state of a cluster this
     * instance no longer watches (it left, or moved to another instance, while its state waited) is let go.
     */
    private void keep(ClusterState state) {
        Envelope<ClusterState> envelope = Envelope.first("observer", state);
        synchronized (lock(state.cluster())) {
            if (!clusters.watching(state.cluster())) {
                return;
            }
            try {
                VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction(session -> keep(session, state)));
            } catch (Throwable e) {
                throw new IllegalStateException("cluster " + state.cluster() + ": state not stored", e);
            }
            topic.publish(envelope);
        }
        stream.kept(envelope);
    }

    /**
     * The cluster left (or is connected anew): its state is dropped from the inventory, stored and in memory. Its last
     * state stays on the compacted topic, where the registry's removal beside it tells that it is gone.
     */
    public void forget(String cluster) {
        synchronized (lock(cluster)) {
            parsed.remove(cluster);
            try {
                VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction(session -> session
                        .createNamedQuery(ClusterRecord.DELETE_OF_CLUSTER).setParameter("name", cluster)
                        .executeUpdate().call(() -> trends.forgetVersions(session, cluster))));
            } catch (Throwable e) {
                throw new IllegalStateException("cluster " + cluster + ": state not dropped", e);
            }
        }
    }

    private Object lock(String cluster) {
        return clusterLocks.computeIfAbsent(cluster, name -> new Object());
    }

    @PreDestroy
    void stop() {
        keepers.shutdownNow();
    }

    private Uni<Void> keep(Mutiny.Session session, ClusterState state) {
        return session.find(ClusterRecord.class, state.cluster()).chain(existing -> {
            ClusterRecord record = existing == null ? new ClusterRecord() : existing;
            record.name = state.cluster();
            record.reachable = state.reachable();
            record.observedAt = state.observedAt();
            record.state = json(state);
            return (existing == null ? session.persist(record) : Uni.createFrom().voidItem())
                    .call(() -> trends.versionsSeen(session, state));
        });
    }

    /**
     * Every cluster's latest state, in the order of their names, as stored by whichever instance watches it; a state
     * read before unchanged is not parsed again.
     */
    public Uni<List<ClusterState>> all() {
        return sessions.withSession(session -> session
                .createNamedQuery(ClusterRecord.IN_ORDER, ClusterRecord.class).getResultList())
                .map(records -> records.stream().map(this::parsedState).toList());
    }

    private ClusterState parsedState(ClusterRecord record) {
        Parsed known = parsed.get(record.name);
        if (known != null && known.json().equals(record.state)) {
            return known.state();
        }
        ClusterState state = state(record);
        parsed.put(record.name, new Parsed(record.state, state));
        return state;
    }

    private record Parsed(String json, ClusterState state) {
    }

    public Uni<Optional<ClusterState>> named(String name) {
        return sessions.withSession(session -> session.find(ClusterRecord.class, name))
                .map(record -> Optional.ofNullable(record).map(ClusterStates::state));
    }

    private static String json(ClusterState state) {
        try {
            return EventCodec.mapper().writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("cluster " + state.cluster() + ": state cannot be written as JSON", e);
        }
    }

    private static ClusterState state(ClusterRecord record) {
        try {
            return EventCodec.mapper().readValue(record.state, ClusterState.class);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("cluster " + record.name + ": stored state cannot be read", e);
        }
    }
}
