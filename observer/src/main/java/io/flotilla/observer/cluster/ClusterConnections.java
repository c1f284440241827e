package io.flotilla.observer.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flotilla.events.ClusterRef;
import io.flotilla.events.ClusterRegistry;

/** One Kubernetes client per context of {@code flotilla.clusters.kubeconfig}, shared by the inventory and drift watches. */
@ApplicationScoped
public class ClusterConnections {

    private final Path kubeconfig;
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

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
        return ClusterRegistry.read(kubeconfig).stream().map(ClusterRef::name).toList();
    }

    public KubernetesClient client(String cluster) {
        return clients.computeIfAbsent(cluster, name -> new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(name, kubeconfig.toFile())).build());
    }

    @PreDestroy
    void close() {
        clients.values().forEach(KubernetesClient::close);
        clients.clear();
    }
}
