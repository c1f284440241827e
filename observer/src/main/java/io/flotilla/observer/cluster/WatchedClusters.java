package io.flotilla.observer.cluster;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.events.Topic;
import io.flotilla.messaging.InstanceId;
import io.flotilla.messaging.share.PartitionShare;
import io.flotilla.messaging.share.PartitionShares;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;

/**
 * The clusters this observer instance watches: those connected ({@link ClusterConnections}) whose name falls on a
 * partition of the {@code clusters} topic that this instance owns in the share {@code flotilla.observer.watch-group}
 * ({@link PartitionShare}). Every instance connects every cluster, but only the one that owns a cluster runs its
 * informers (inventory, drift): one watcher per cluster, whatever the replica count. When ownership moves (an instance
 * joins, stops, or dies and its session times out), the watches of the clusters it moved are stopped here and started
 * there. Which instance watches each cluster is kept in PostgreSQL ({@link ClusterWatchers}) for the API.
 * <p>
 * Watches start and stop on this class's own thread, never the share's (which must not wait) nor the fleet's; only a
 * cluster leaving is told on the caller's thread, as its client closes once that returns. Which instance watches each
 * cluster is written on another thread again, so a slow database delays no watch.
 */
@Singleton
@Startup
public class WatchedClusters {

    private static final Logger LOG = Logger.getLogger(WatchedClusters.class);

    /** What a watch does as this instance takes and lets go of clusters. */
    public interface Listener {

        /** The cluster is connected and this instance owns it: watch it. */
        void watched(String cluster);

        /**
         * Stop watching the cluster.
         *
         * @param left whether it left the fleet or is connected anew (its client closes once this returns), rather
         *             than moved to another instance
         */
        void unwatched(String cluster, boolean left);
    }

    private final ClusterConnections connections;
    private final ClusterWatchers watchers;
    private final String instance;
    private final Set<String> watching = ConcurrentHashMap.newKeySet();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService ownership = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cluster-ownership");
        thread.setDaemon(true);
        return thread;
    });
    /** Writes who watches each cluster, in order, apart from the watches: a slow database holds up no watch. */
    private final ExecutorService rows = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cluster-watcher-rows");
        thread.setDaemon(true);
        return thread;
    });
    private volatile PartitionShare share;
    /** Set as the service stops: its watcher rows are deleted at once, while the database is still there. */
    private volatile boolean stopping;

    @Inject
    public WatchedClusters(ClusterConnections connections, ClusterWatchers watchers, PartitionShares shares,
            @ConfigProperty(name = "flotilla.observer.watch-group") String group,
            @ConfigProperty(name = "flotilla.observer.instance-id") Optional<String> instance) {
        this(connections, watchers, instance.orElseGet(WatchedClusters::hostAndProcess),
                listener -> shares.join(Topic.CLUSTERS, group, listener));
    }

    /**
     * @param instance this instance's id, as {@code GET /api/clusters} shows it
     * @param join     joins the share of the clusters, telling the listener of every change of what it owns
     */
    public WatchedClusters(ClusterConnections connections, ClusterWatchers watchers, String instance,
            Function<Consumer<PartitionShare>, PartitionShare> join) {
        this.connections = connections;
        this.watchers = watchers;
        this.instance = instance;
        connections.listen(new ClusterConnections.Listener() {
            @Override
            public void connected(String cluster) {
                onOwnThread(() -> settle(cluster));
            }

            @Override
            public void disconnected(String cluster) {
                left(cluster);
            }
        });
        join.apply(changed -> {
            share = changed;
            onOwnThread(() -> connections.clusters().forEach(this::settle));
        });
    }

    /** Hears of every cluster watched now and from now on, then of each one no longer watched. */
    public synchronized void listen(Listener listener) {
        listeners.add(listener);
        watching.forEach(listener::watched);
    }

    /** The listener hears nothing more (its watch stopped). */
    public void unlisten(Listener listener) {
        listeners.remove(listener);
    }

    /** Whether this instance watches the cluster now. */
    public boolean watching(String cluster) {
        return watching.contains(cluster);
    }

    /** The client of a connected cluster. */
    public KubernetesClient client(String cluster) {
        return connections.client(cluster);
    }

    public String instance() {
        return instance;
    }

    /** Starts or stops watching the cluster as this instance's ownership and the cluster's connection say. */
    private synchronized void settle(String cluster) {
        PartitionShare owned = share;
        boolean mine = owned != null && owned.owns(cluster) && connections.connected(cluster);
        if (mine && watching.add(cluster)) {
            LOG.infof("cluster %s: watched by this instance (%s)", cluster, instance);
            tell(listener -> listener.watched(cluster), cluster);
            recorded(() -> watchers.taken(cluster, instance), cluster);
        } else if (!mine && watching.remove(cluster)) {
            LOG.infof("cluster %s: no longer watched by this instance (%s)", cluster, instance);
            tell(listener -> listener.unwatched(cluster, false), cluster);
            recorded(() -> watchers.letGo(cluster, instance), cluster);
        }
    }

    private synchronized void left(String cluster) {
        if (watching.remove(cluster)) {
            tell(listener -> listener.unwatched(cluster, true), cluster);
            recorded(() -> watchers.letGo(cluster, instance), cluster);
        }
    }

    /** Tells every listener, each whatever another's failure. */
    private void tell(Consumer<Listener> told, String cluster) {
        for (Listener listener : listeners) {
            try {
                told.accept(listener);
            } catch (RuntimeException e) {
                LOG.errorf(e, "cluster %s: a watch was not told of the change", cluster);
            }
        }
    }

    private void recorded(Runnable write, String cluster) {
        try {
            rows.execute(() -> {
                if (stopping) {
                    return;
                }
                try {
                    write.run();
                } catch (RuntimeException e) {
                    LOG.warnf(e, "cluster %s: which instance watches it is not stored", cluster);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debugf("the observer stops: which instance watches cluster %s is not stored", cluster);
        }
    }

    private void onOwnThread(Runnable work) {
        try {
            ownership.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.debugf("the observer stops: a change of the clusters watched is let go");
        }
    }

    /** The service stops: no row names this instance any more; the instances that take its clusters write theirs. */
    void leaving(@Observes ShutdownEvent stop) {
        stopping = true;
        try {
            watchers.allLetGo(instance);
        } catch (RuntimeException e) {
            LOG.warnf(e, "the clusters watched by this instance (%s) stay named until another instance takes them",
                    instance);
        }
    }

    /**
     * Stops once what is queued is done: when the service stops, its share has left the group just before, and the
     * clusters it let go are unwatched.
     */
    @PreDestroy
    public void stop() {
        for (ExecutorService executor : List.of(ownership, rows)) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warnf("the clusters watched by this instance (%s) were not all let go within 10 s", instance);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** This host's name and the process's id: instances on one host stay apart. */
    private static String hostAndProcess() {
        return InstanceId.hostName("observer") + "-" + ProcessHandle.current().pid();
    }
}
