package io.flotilla.observer.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.RegisteredCluster;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * One Kubernetes client per registered cluster, shared by the inventory and drift watches, following the fleet: a
 * client is made when a cluster joins (from its own kubeconfig), made anew when its credentials change, and closed
 * when it leaves; {@link WatchedClusters} hears of each through a {@link Listener}, and starts the watches of those
 * this instance owns. All clients share one small Vert.x, one
 * thread pool and one JSON mapper: a client of its own would bring its own event loops, pools and mapper (with its
 * cache of every Kubernetes model class), hundreds of threads and tens of megabytes for a fleet of fifty. That
 * Vert.x is not the one serving the API, so reading a large list from a cluster never holds up a request.
 */
@ApplicationScoped
public class ClusterConnections {

    private static final Logger LOG = Logger.getLogger(ClusterConnections.class);

    /** What a watch does as clusters are connected and disconnected. */
    public interface Listener {

        /** A client for the cluster is ready: watch it. */
        void connected(String cluster);

        /** The cluster's client is about to close (it left, or its credentials changed): stop watching it. */
        void disconnected(String cluster);
    }

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)
            .setInternalBlockingPoolSize(2));
    private final VertxHttpClientFactory http = new VertxHttpClientFactory(vertx);
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final ExecutorService tasks = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "cluster-watch");
        thread.setDaemon(true);
        return thread;
    });

    public ClusterConnections(Fleet fleet) {
        fleet.listen(new Fleet.Listener() {
            @Override
            public void joined(RegisteredCluster cluster) {
                connect(cluster);
            }

            @Override
            public void changed(RegisteredCluster before, RegisteredCluster after) {
                connect(after);
            }

            @Override
            public void left(RegisteredCluster cluster, boolean uninstall) {
                disconnect(cluster.name());
            }
        });
        // Clusters that joined before this bean was made; one that joins meanwhile is connected once only.
        fleet.members().forEach(this::connect);
    }

    /**
     * How fabric8 connects to a registered cluster: its own kubeconfig, its one context.
     *
     * @throws IllegalArgumentException saying why the kubeconfig cannot connect
     */
    public static Config config(RegisteredCluster cluster) {
        try {
            return Config.fromKubeconfig(null, cluster.kubeconfig(), null);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the kubeconfig of cluster " + cluster.name() + " cannot connect: "
                    + e.getMessage(), e);
        }
    }

    /** Hears of every cluster connected now and from now on, then of each one disconnected. */
    public synchronized void listen(Listener listener) {
        listeners.add(listener);
        connections.keySet().forEach(listener::connected);
    }

    /** The clusters connected now. */
    public Set<String> clusters() {
        return Set.copyOf(connections.keySet());
    }

    public boolean connected(String cluster) {
        return connections.containsKey(cluster);
    }

    /** @throws IllegalStateException when the cluster is not registered (it left, or never joined) */
    public KubernetesClient client(String cluster) {
        Connection connection = connections.get(cluster);
        if (connection == null) {
            throw new IllegalStateException("cluster " + cluster + " is not registered");
        }
        return connection.client();
    }

    private synchronized void connect(RegisteredCluster cluster) {
        Connection known = connections.get(cluster.name());
        if (known != null && known.kubeconfig().equals(cluster.kubeconfig())) {
            return;
        }
        if (known != null) {
            disconnect(cluster.name());
        }
        try {
            KubernetesClient client = new KubernetesClientBuilder().withHttpClientFactory(http)
                    .withKubernetesSerialization(serialization).withTaskExecutor(tasks).withConfig(config(cluster))
                    .build();
            connections.put(cluster.name(), new Connection(client, cluster.kubeconfig()));
        } catch (RuntimeException e) {
            LOG.errorf("cluster %s: not watched, its kubeconfig cannot connect: %s", cluster.name(), e.getMessage());
            return;
        }
        listeners.forEach(listener -> listener.connected(cluster.name()));
    }

    private synchronized void disconnect(String cluster) {
        if (!connections.containsKey(cluster)) {
            return;
        }
        listeners.forEach(listener -> listener.disconnected(cluster));
        connections.remove(cluster).client().close();
    }

    /** Closes every client, and what they share. */
    @PreDestroy
    public void close() {
        connections.values().forEach(connection -> connection.client().close());
        connections.clear();
        tasks.shutdownNow();
        vertx.close();
    }

    private record Connection(KubernetesClient client, String kubeconfig) {
    }
}
