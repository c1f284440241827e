package io.flotilla.observer.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.events.ClusterRef;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * One Kubernetes client per context of {@code flotilla.clusters.kubeconfig}, shared by the inventory and drift
 * watches. All clients share one small Vert.x, one thread pool and one JSON mapper: a client of its own would bring
 * its own event loops, pools and mapper (with its cache of every Kubernetes model class), hundreds of threads and
 * tens of megabytes for a fleet of fifty. That Vert.x is not the one serving the API, so reading a large list from a
 * cluster never holds up a request.
 */
@ApplicationScoped
public class ClusterConnections {

    private final Path kubeconfig;
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)
            .setInternalBlockingPoolSize(2));
    private final VertxHttpClientFactory http = new VertxHttpClientFactory(vertx);
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final ExecutorService tasks = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "cluster-watch");
        thread.setDaemon(true);
        return thread;
    });

    public ClusterConnections(@ConfigProperty(name = "flotilla.clusters.kubeconfig") Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The registered clusters; none when the kubeconfig cannot be read. */
    public List<String> clusters() {
        if (!Files.isReadable(kubeconfig)) {
            return List.of();
        }
        return KubeconfigClusters.read(kubeconfig).stream().map(ClusterRef::name).toList();
    }

    public KubernetesClient client(String cluster) {
        return clients.computeIfAbsent(cluster, name -> new KubernetesClientBuilder().withHttpClientFactory(http)
                .withKubernetesSerialization(serialization).withTaskExecutor(tasks)
                .withConfig(Config.fromKubeconfig(name, kubeconfig.toFile())).build());
    }

    @PreDestroy
    void close() {
        clients.values().forEach(KubernetesClient::close);
        clients.clear();
        tasks.shutdownNow();
        vertx.close();
    }
}
