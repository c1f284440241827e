package io.flotilla.registrysecrets.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.events.ClusterRef;
import io.flotilla.registrysecrets.pullsecret.ClusterPullSecret;
import io.flotilla.registrysecrets.pullsecret.ClusterPullSecretDefinition;
import io.flotilla.registrysecrets.pullsecret.PullSecretSync;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Watches every cluster of {@code flotilla.clusters.kubeconfig} for what changes its pull secrets: its
 * {@code ClusterPullSecret}s, its namespaces (a new one gets its copies at once), and the seeds and copies among
 * its Secrets (a rotated seed, a copy edited by hand). Each change asks for a sync of that cluster on its own
 * {@link ClusterLane}; a sync also runs every {@code flotilla.pull-secrets.resync}. The namespaces of
 * {@code flotilla.pull-secrets.exclude-namespaces} (a comma list, none by default, as registry-creds copies into
 * every namespace) get no copy on any cluster. The {@code ClusterPullSecret} definition is installed first where the
 * cluster lacks it; a cluster that does not answer is tried again every {@code flotilla.pull-secrets.retry}, the
 * others going on.
 */
@ApplicationScoped
public class PullSecretWatches {

    private static final Logger LOG = Logger.getLogger(PullSecretWatches.class);

    private final Path kubeconfig;
    private final Duration retry;
    private final Duration resync;
    private final Set<String> excludedNamespaces;
    private final FleetCoverage coverage;
    private final VertxHttpClientFactory http;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();

    public PullSecretWatches(@ConfigProperty(name = "flotilla.clusters.kubeconfig") Path kubeconfig,
            @ConfigProperty(name = "flotilla.pull-secrets.retry", defaultValue = "5s") Duration retry,
            @ConfigProperty(name = "flotilla.pull-secrets.resync", defaultValue = "1m") Duration resync,
            @ConfigProperty(name = "flotilla.pull-secrets.exclude-namespaces") Optional<Set<String>> excludedNamespaces,
            FleetCoverage coverage, Vertx vertx) {
        this.kubeconfig = kubeconfig;
        this.retry = retry;
        this.resync = resync;
        this.excludedNamespaces = excludedNamespaces.orElse(Set.of());
        this.coverage = coverage;
        this.http = new VertxHttpClientFactory(vertx);
    }

    void start(@Observes StartupEvent started) {
        if (!Files.isReadable(kubeconfig)) {
            LOG.warnf("no pull secrets synced: the kubeconfig %s (flotilla.clusters.kubeconfig) cannot be read",
                    kubeconfig);
            return;
        }
        for (ClusterRef cluster : KubeconfigClusters.read(kubeconfig)) {
            Watched watching = new Watched(cluster.name());
            watched.put(cluster.name(), watching);
            watching.lane.request();
            watching.thread.scheduleWithFixedDelay(watching.lane::request, resync.toMillis(), resync.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        watched.values().forEach(Watched::close);
    }

    private final class Watched {
        final String cluster;
        final ScheduledExecutorService thread;
        final ClusterLane lane;
        final KubernetesClient client;
        final PullSecretSync sync;
        final List<SharedIndexInformer<?>> informers = new ArrayList<>();
        SharedIndexInformer<GenericKubernetesResource> pullSecrets;

        Watched(String cluster) {
            this.cluster = cluster;
            this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread named = new Thread(runnable, "pull-secrets-" + cluster);
                named.setDaemon(true);
                return named;
            });
            this.lane = new ClusterLane(thread, this::syncOnce, retry.toMillis());
            this.client = new KubernetesClientBuilder().withHttpClientFactory(http)
                    .withConfig(Config.fromKubeconfig(cluster, kubeconfig.toFile())).build();
            this.sync = new PullSecretSync(cluster, client, Clock.systemUTC(), excludedNamespaces);
        }

        private void syncOnce() {
            try {
                if (pullSecrets == null) {
                    watch();
                }
                coverage.synced(sync.sync());
            } catch (RuntimeException e) {
                coverage.failed(cluster, e.getClass().getSimpleName() + ": " + e.getMessage());
                lane.retryLater();
            }
        }

        /** The definition first: the informer on {@code ClusterPullSecret}s needs it to list anything. */
        private void watch() {
            if (ClusterPullSecretDefinition.installIfMissing(client)) {
                LOG.infof("cluster %s: installed the CustomResourceDefinition %s", cluster,
                        ClusterPullSecretDefinition.NAME);
            }
            SharedIndexInformer<GenericKubernetesResource> definitions = client
                    .genericKubernetesResources(ClusterPullSecret.API_VERSION, ClusterPullSecret.KIND)
                    .runnableInformer(0);
            start(definitions, object -> true);
            start(client.namespaces().runnableInformer(0), object -> true);
            start(client.secrets().inAnyNamespace().runnableInformer(0),
                    secret -> PullSecretSync.concerns(secret, definitions.getStore().list()));
            pullSecrets = definitions;
        }

        private <T> void start(SharedIndexInformer<T> informer, Predicate<T> concerns) {
            informer.exceptionHandler((isStarted, failure) -> !ExceptionHandler.isDeserializationException(failure));
            informer.addEventHandler(new ResourceEventHandler<T>() {
                @Override
                public void onAdd(T object) {
                    if (concerns.test(object)) {
                        lane.request();
                    }
                }

                @Override
                public void onUpdate(T before, T after) {
                    if (concerns.test(after)) {
                        lane.request();
                    }
                }

                @Override
                public void onDelete(T object, boolean finalStateUnknown) {
                    if (concerns.test(object)) {
                        lane.request();
                    }
                }
            });
            informer.start();
            informers.add(informer);
        }

        void close() {
            informers.forEach(SharedIndexInformer::close);
            thread.shutdownNow();
            client.close();
        }
    }
}
