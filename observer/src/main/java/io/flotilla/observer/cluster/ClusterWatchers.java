package io.flotilla.observer.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The table of which instance watches each cluster ({@link ClusterWatcher}): written by {@link WatchedClusters} on
 * its own thread, which waits; read by the API, which does not.
 */
@ApplicationScoped
public class ClusterWatchers {

    private static final String TAKEN = "insert into {h-schema}cluster_watcher (cluster, instance, since)"
            + " values (?1, ?2, ?3) on conflict (cluster) do update set instance = excluded.instance,"
            + " since = excluded.since";

    private final Mutiny.SessionFactory sessions;

    public ClusterWatchers(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** The instance watching each cluster, by cluster. */
    public Uni<Map<String, String>> all() {
        return sessions.withSession(session -> session.createNamedQuery(ClusterWatcher.ALL, ClusterWatcher.class)
                .getResultList()).map(ClusterWatchers::byCluster);
    }

    private static Map<String, String> byCluster(List<ClusterWatcher> rows) {
        return rows.stream().collect(Collectors.toMap(row -> row.cluster, row -> row.instance));
    }

    /** One statement, as the instance letting the cluster go may delete its own row meanwhile. */
    void taken(String cluster, String instance) {
        await(sessions.withTransaction(session -> session.createNativeQuery(TAKEN).setParameter(1, cluster)
                .setParameter(2, instance).setParameter(3, Instant.now()).executeUpdate()),
                "the watcher of cluster " + cluster);
    }

    /** Only if the instance is still the one named: another may have taken the cluster meanwhile. */
    void letGo(String cluster, String instance) {
        await(sessions.withTransaction(session -> session.createNamedQuery(ClusterWatcher.DELETE_OWN)
                .setParameter("cluster", cluster).setParameter("instance", instance).executeUpdate()),
                "the watcher of cluster " + cluster);
    }

    /** The instance stops: it names no cluster's watcher any more. */
    void allLetGo(String instance) {
        await(sessions.withTransaction(session -> session.createNamedQuery(ClusterWatcher.DELETE_OF_INSTANCE)
                .setParameter("instance", instance).executeUpdate()), "the clusters watched by " + instance);
    }

    private static <T> T await(Uni<T> work, String what) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> work);
        } catch (Throwable e) {
            throw new IllegalStateException(what + ": not stored", e);
        }
    }
}
