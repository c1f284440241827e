package io.flotilla.applier.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.events.ClusterRef;

/**
 * One Kubernetes client per registered cluster, built from the fleet's kubeconfig context of the same
 * name and kept for the life of the service, each with its own request rate. The kubeconfig is read again when a release names a
 * cluster it does not know, so a cluster added to the file is picked up without a restart.
 */
public class ClusterClients implements AutoCloseable {

    private final Path kubeconfig;
    private final HttpClient.Factory httpClients;
    private final ClientSettings settings;
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();
    private volatile List<String> registered;

    /**
     * @param httpClients the HTTP client factory every cluster's client shares; null for fabric8's default
     */
    public ClusterClients(Path kubeconfig, HttpClient.Factory httpClients, ClientSettings settings) {
        this.kubeconfig = kubeconfig;
        this.httpClients = httpClients;
        this.settings = settings;
        this.registered = names(KubeconfigClusters.read(kubeconfig));
    }

    /** @throws UnknownClusterException when no context of the kubeconfig has this name */
    public KubernetesClient client(String cluster) {
        KubernetesClient client = clients.get(cluster);
        if (client != null) {
            return client;
        }
        if (!registered.contains(cluster)) {
            registered = names(KubeconfigClusters.read(kubeconfig));
            if (!registered.contains(cluster)) {
                throw new UnknownClusterException(cluster, kubeconfig, registered);
            }
        }
        return clients.computeIfAbsent(cluster, this::connect);
    }

    /** Where the client of this cluster sends its requests, for messages about the cluster. */
    public Optional<String> serverOf(String cluster) {
        return Optional.ofNullable(clients.get(cluster)).map(client -> client.getConfiguration().getMasterUrl());
    }

    private KubernetesClient connect(String cluster) {
        Config config = Config.fromKubeconfig(cluster, kubeconfig.toFile());
        settings.applyTo(config);
        KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor(RequestRate.NAME,
                        new RequestRate(settings.requestsPerSecond())));
        if (httpClients != null) {
            builder.withHttpClientFactory(httpClients);
        }
        return builder.build();
    }

    private static List<String> names(List<ClusterRef> clusters) {
        return clusters.stream().map(ClusterRef::name).toList();
    }

    @Override
    public void close() {
        clients.values().forEach(KubernetesClient::close);
        clients.clear();
    }
}
