package io.flotilla.applier.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.RegisteredCluster;

/**
 * One Kubernetes client per cluster of the fleet, built from the kubeconfig its registration carries the first time
 * a release needs it, each with its own request rate. The fleet changes at runtime: a client is built again when its
 * cluster's credentials change, and closed when the cluster leaves. A cluster that left asking for an uninstall keeps
 * its client until its releases are uninstalled ({@link #keepUntilForgotten}). A cluster the fleet does not have gets
 * no client: nothing is built from nowhere.
 */
public class ClusterClients implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterClients.class);

    private final Fleet fleet;
    private final HttpClient.Factory httpClients;
    private final ClientSettings settings;
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();
    /** Clients that impersonate a user, by cluster and then by user. */
    private final Map<String, Map<String, KubernetesClient>> impersonating = new ConcurrentHashMap<>();
    private final Map<String, RegisteredCluster> leaving = new ConcurrentHashMap<>();
    private final RequestBudget budget;
    /** One rate per cluster, for its own client and those impersonating users alike. */
    private final Map<String, RequestRate> rates = new ConcurrentHashMap<>();

    /**
     * Clients whose requests a second are counted in this instance alone.
     *
     * @param httpClients the HTTP client factory every cluster's client shares; null for fabric8's default
     */
    public ClusterClients(Fleet fleet, HttpClient.Factory httpClients, ClientSettings settings) {
        this(fleet, httpClients, settings, new LocalRequestBudget());
    }

    /**
     * @param httpClients the HTTP client factory every cluster's client shares; null for fabric8's default
     * @param budget      where each cluster's requests a second are counted
     */
    public ClusterClients(Fleet fleet, HttpClient.Factory httpClients, ClientSettings settings, RequestBudget budget) {
        this.fleet = fleet;
        this.httpClients = httpClients;
        this.settings = settings;
        this.budget = budget;
    }

    /** @throws UnknownClusterException when the fleet has no such cluster (not registered yet, or removed) */
    public KubernetesClient client(String cluster) {
        RegisteredCluster registered = registered(cluster);
        return clients.computeIfAbsent(cluster, name -> connect(registered));
    }

    /**
     * A client of the cluster that acts as {@code user} (Kubernetes impersonation: the API server checks that
     * Flotilla's own credentials may impersonate, then evaluates the user's RBAC), or the cluster's own client when
     * {@code user} is null.
     *
     * @throws UnknownClusterException when the fleet has no such cluster
     */
    public KubernetesClient client(String cluster, String user) {
        if (user == null) {
            return client(cluster);
        }
        RegisteredCluster registered = registered(cluster);
        return impersonating.computeIfAbsent(cluster, name -> new ConcurrentHashMap<>())
                .computeIfAbsent(user, name -> connect(registered, user));
    }

    /** The cluster in the fleet, or leaving it but not yet forgotten. */
    private RegisteredCluster registered(String cluster) {
        RegisteredCluster registered = fleet.get(cluster).orElse(leaving.get(cluster));
        if (registered == null) {
            throw new UnknownClusterException(cluster, fleet.members().stream().map(RegisteredCluster::name).toList());
        }
        return registered;
    }

    /** Where the client of this cluster sends its requests, for messages about the cluster. */
    public Optional<String> serverOf(String cluster) {
        return Optional.ofNullable(clients.get(cluster)).map(client -> client.getConfiguration().getMasterUrl());
    }

    /** The cluster's credentials changed: its client is closed, and the next request builds one from the new ones. */
    public void rebuild(String cluster) {
        closeClient(cluster);
    }

    /** The cluster left the fleet, but its releases are to be uninstalled first: its client stays until then. */
    public void keepUntilForgotten(RegisteredCluster cluster) {
        leaving.put(cluster.name(), cluster);
    }

    /** The cluster is gone: its client is closed and its credentials forgotten. */
    public void forget(String cluster) {
        leaving.remove(cluster);
        closeClient(cluster);
    }

    private void closeClient(String cluster) {
        KubernetesClient client = clients.remove(cluster);
        if (client != null) {
            client.close();
            LOG.debugf("cluster '%s': client closed", cluster);
        }
        Map<String, KubernetesClient> asUsers = impersonating.remove(cluster);
        if (asUsers != null) {
            asUsers.values().forEach(KubernetesClient::close);
        }
    }

    private KubernetesClient connect(RegisteredCluster cluster) {
        return connect(cluster, null);
    }

    /** @param user the user to impersonate; null for the cluster's own credentials */
    private KubernetesClient connect(RegisteredCluster cluster, String user) {
        if (cluster.kubeconfig() == null) {
            throw new IllegalStateException("cluster '" + cluster.name() + "' was registered without credentials");
        }
        Config config = Config.fromKubeconfig(null, cluster.kubeconfig(), null);
        settings.applyTo(config);
        if (user != null) {
            config.setImpersonateUsername(user);
        }
        KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor(RequestRate.NAME,
                        rates.computeIfAbsent(cluster.name(),
                                name -> new RequestRate(name, settings.requestsPerSecond(), budget))));
        if (httpClients != null) {
            builder.withHttpClientFactory(httpClients);
        }
        return builder.build();
    }

    @Override
    public void close() {
        clients.values().forEach(KubernetesClient::close);
        clients.clear();
        impersonating.values().forEach(asUsers -> asUsers.values().forEach(KubernetesClient::close));
        impersonating.clear();
        leaving.clear();
    }
}
