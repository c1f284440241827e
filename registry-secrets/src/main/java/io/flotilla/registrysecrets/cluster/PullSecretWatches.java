package io.flotilla.registrysecrets.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.events.Topic;
import io.flotilla.messaging.share.PartitionShare;
import io.flotilla.messaging.share.PartitionShares;
import io.flotilla.registrysecrets.fleetseed.FleetSeeds;
import io.flotilla.registrysecrets.pullsecret.ClusterCoverage;
import io.flotilla.registrysecrets.pullsecret.ClusterPullSecret;
import io.flotilla.registrysecrets.pullsecret.ClusterPullSecretDefinition;
import io.flotilla.registrysecrets.pullsecret.PullSecretSync;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Watches every cluster of the fleet for what changes its pull secrets: its {@code ClusterPullSecret}s, its
 * namespaces (a new one gets its copies at once), the seeds and copies among its Secrets (a rotated seed, a copy
 * edited by hand) and its {@code default} ServiceAccounts (an entry taken out by hand is put back); and the fleet's
 * seeds ({@link FleetSeeds}), whose changes concern every cluster they select. Each change asks for a sync of that
 * cluster on its own {@link ClusterLane}, which reads the informers' caches ({@link InformerCaches}); a sync also
 * runs every {@code flotilla.pull-secrets.resync}. The namespaces of {@code flotilla.pull-secrets.exclude-namespaces}
 * (a comma list, none by default, as registry-creds copies into every namespace) get no copy on any cluster. The
 * {@code ClusterPullSecret} definition is installed first where the cluster lacks it; a cluster that does not answer
 * is tried again every {@code flotilla.pull-secrets.retry}, the others going on: each lane has its own thread, so a
 * cluster that hangs holds up its own syncs only, a rotation included.
 *
 * <p>The fleet follows the registry without a restart: the clusters of {@code flotilla.clusters.kubeconfig} (when
 * that file can be read) are seeded at start, before the clusters topic is read, and what the topic says comes after
 * and wins. A cluster that joins is watched and synced at once; one whose credentials change is watched again with
 * them; one whose labels change is synced with the fleet seeds its labels now select; one that leaves is watched no
 * more and disappears from the API, its copies left as they are (they are the namespaces' own once Flotilla no
 * longer looks after that cluster).
 *
 * <p>Several instances split the clusters between them: each joins the share {@code flotilla.pull-secrets.share-group}
 * over the clusters topic ({@link PartitionShare}) and watches, syncs and publishes only the clusters whose name it
 * owns; every instance still knows the whole fleet. A cluster gained (an instance left, another joined, this one
 * started) is watched and synced at once; one lost is watched no more and leaves this instance's API and memory of
 * what it published, so that the next owner publishes its coverage again. Rotations reach every cluster this way: each
 * instance reads the fleet seeds, and each cluster's owner syncs them there. The clusters owned are counted as
 * {@code flotilla_pull_secrets_clusters_owned}, and each change is logged.
 */
@ApplicationScoped
public class PullSecretWatches implements Fleet.Listener {

    private static final Logger LOG = Logger.getLogger(PullSecretWatches.class);
    /** How long a cluster that answers may take to list its objects before its first sync is tried again. */
    private static final long LIST_SECONDS = 120;
    private static final int REQUEST_RETRIES = 1;

    private final Fleet fleet;
    private final FleetSeeds fleetSeeds;
    private final Optional<Path> kubeconfig;
    private final Duration retry;
    private final Duration resync;
    private final Set<String> excludedNamespaces;
    private final FleetCoverage coverage;
    private final VertxHttpClientFactory http;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    /** The clusters of the fleet this instance keeps: watched, or shown with why they cannot be. */
    private final Set<String> owned = ConcurrentHashMap.newKeySet();
    private final PartitionShares shares;
    private final String shareGroup;
    /** Where the share's changes are taken, off the share's thread, one after the other. */
    private final ExecutorService ownership = Executors.newSingleThreadExecutor(runnable -> {
        Thread named = new Thread(runnable, "pull-secrets-share");
        named.setDaemon(true);
        return named;
    });
    private volatile PartitionShare share;

    public PullSecretWatches(Fleet fleet, FleetSeeds fleetSeeds,
            @ConfigProperty(name = "flotilla.clusters.kubeconfig") Optional<Path> kubeconfig,
            @ConfigProperty(name = "flotilla.pull-secrets.retry", defaultValue = "5s") Duration retry,
            @ConfigProperty(name = "flotilla.pull-secrets.resync", defaultValue = "1m") Duration resync,
            @ConfigProperty(name = "flotilla.pull-secrets.exclude-namespaces") Optional<Set<String>> excludedNamespaces,
            FleetCoverage coverage, Vertx vertx, PartitionShares shares,
            @ConfigProperty(name = "flotilla.pull-secrets.share-group", defaultValue = "registry-secrets-work")
            String shareGroup, MeterRegistry metrics) {
        this.fleet = fleet;
        this.fleetSeeds = fleetSeeds;
        this.kubeconfig = kubeconfig;
        this.retry = retry;
        this.resync = resync;
        this.excludedNamespaces = excludedNamespaces.orElse(Set.of());
        this.coverage = coverage;
        this.http = new VertxHttpClientFactory(vertx);
        this.shares = shares;
        this.shareGroup = shareGroup;
        metrics.gauge("flotilla.pull.secrets.clusters.owned", owned, Set::size);
    }

    /** Before the channels start (they do at a later priority of the same event), so no registration goes unheard. */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        fleetSeeds.listen(() -> watched.values().forEach(cluster -> cluster.lane.request()));
        fleet.listen(this);
        Optional<Path> readable = kubeconfig.filter(Files::isReadable);
        if (readable.isEmpty()) {
            LOG.infof("no kubeconfig to start from (flotilla.clusters.kubeconfig: %s): the clusters are those the"
                    + " clusters topic registers", kubeconfig.map(Path::toString).orElse("not set"));
            return;
        }
        fleet.seed(KubeconfigClusters.registrations(readable.get(), Instant.now()));
    }

    /**
     * Joins the share once the topics exist (they are created at an earlier priority of the same event): until the
     * group assigns this instance its part, it keeps no cluster.
     */
    void joinShare(@Observes StartupEvent started) {
        share = shares.join(Topic.CLUSTERS, shareGroup, changed -> ownership.execute(() -> takeShare(changed)));
    }

    /** The clusters this instance keeps now, by name. */
    public Set<String> owned() {
        return Set.copyOf(owned);
    }

    /** Starts keeping the clusters of the fleet the share now gives this instance, stops keeping the others. */
    private synchronized void takeShare(PartitionShare now) {
        share = now;
        for (RegisteredCluster cluster : fleet.members()) {
            if (now.owns(cluster.name()) && owned.add(cluster.name())) {
                LOG.infof("cluster %s: this instance keeps its pull secrets now (share %s); watching and syncing it",
                        cluster.name(), shareGroup);
                watch(cluster);
            }
        }
        for (String cluster : Set.copyOf(owned)) {
            if (!now.owns(cluster)) {
                owned.remove(cluster);
                unwatch(cluster);
                LOG.infof("cluster %s: another instance keeps its pull secrets now (share %s); watched no more here",
                        cluster, shareGroup);
            }
        }
        LOG.infof("pull secrets: this instance keeps %d of the fleet's %d cluster(s): %s", owned.size(),
                fleet.members().size(), new TreeSet<>(owned));
    }

    private boolean owns(String cluster) {
        PartitionShare current = share;
        return current != null && current.owns(cluster);
    }

    @Override
    public synchronized void joined(RegisteredCluster cluster) {
        if (share == null) {
            LOG.infof("cluster %s joined: kept here or by another instance once the share %s answers",
                    cluster.name(), shareGroup);
            return;
        }
        if (!owns(cluster.name())) {
            LOG.infof("cluster %s joined: another instance keeps its pull secrets", cluster.name());
            return;
        }
        owned.add(cluster.name());
        LOG.infof("cluster %s joined: watching its pull secrets", cluster.name());
        watch(cluster);
    }

    @Override
    public synchronized void changed(RegisteredCluster before, RegisteredCluster after) {
        if (!owned.contains(after.name())) {
            return;
        }
        if (!Objects.equals(before.kubeconfig(), after.kubeconfig())) {
            LOG.infof("cluster %s: its credentials changed; watching it again with them", after.name());
            Optional.ofNullable(watched.remove(after.name())).ifPresent(Watched::close);
            watch(after);
        } else if (!before.labels().equals(after.labels())) {
            LOG.infof("cluster %s: its labels are now %s; syncing the fleet seeds they select", after.name(),
                    after.labels());
            Optional.ofNullable(watched.get(after.name())).ifPresent(cluster -> {
                cluster.labels = after.labels();
                cluster.lane.request();
            });
        }
    }

    @Override
    public synchronized void left(RegisteredCluster cluster, boolean uninstall) {
        if (!owned.remove(cluster.name())) {
            return;
        }
        unwatch(cluster.name());
        LOG.infof("cluster %s left the fleet: its pull secrets are no longer synced; the copies there stay",
                cluster.name());
    }

    private void watch(RegisteredCluster cluster) {
        if (cluster.kubeconfig() == null) {
            coverage.failed(cluster.name(), "registered without credentials: nothing to connect with");
            return;
        }
        Watched watching;
        try {
            watching = new Watched(cluster);
        } catch (RuntimeException e) {
            // Credentials the client cannot read: shown on the cluster until a registration brings others.
            coverage.failed(cluster.name(), "cannot connect with its credentials: " + e.getMessage());
            return;
        }
        watched.put(cluster.name(), watching);
        watching.lane.request();
        watching.thread.scheduleWithFixedDelay(watching.lane::request, resync.toMillis(), resync.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Watches the cluster no more and forgets its coverage: shown and published by its next keeper only. */
    private void unwatch(String cluster) {
        Optional.ofNullable(watched.remove(cluster)).ifPresent(Watched::close);
        coverage.forget(cluster);
    }

    /** The failure and, when the client wraps it, what lies under it (a connection refused, a certificate...). */
    private static String reason(RuntimeException failure) {
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? reason : reason + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    /** Leaves the share first, so that the other instances take this one's clusters at once. */
    @PreDestroy
    void stop() {
        Optional.ofNullable(share).ifPresent(PartitionShare::close);
        ownership.shutdownNow();
        synchronized (this) {
            watched.values().forEach(Watched::close);
            watched.clear();
            owned.clear();
        }
    }

    private final class Watched {
        final String cluster;
        final ScheduledExecutorService thread;
        final ClusterLane lane;
        final KubernetesClient client;
        final List<SharedIndexInformer<?>> informers = new ArrayList<>();
        final List<CompletableFuture<Void>> started = new ArrayList<>();
        volatile Map<String, String> labels;
        InformerCaches caches;
        PullSecretSync sync;
        /** Set once the cluster is no longer watched: a sync still running then reports nothing, starts nothing. */
        boolean closed;

        Watched(RegisteredCluster registered) {
            this.cluster = registered.name();
            this.labels = registered.labels();
            this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread named = new Thread(runnable, "pull-secrets-" + cluster);
                named.setDaemon(true);
                return named;
            });
            this.lane = new ClusterLane(thread, this::syncOnce, retry.toMillis());
            Config config = Config.fromKubeconfig(null, registered.kubeconfig(), null);
            // The lane tries a failed sync again itself: a request is not retried for long, so an unreachable
            // cluster shows as such within seconds.
            config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
            this.client = new KubernetesClientBuilder().withHttpClientFactory(http).withConfig(config).build();
        }

        private void syncOnce() {
            try {
                if (caches == null) {
                    watch();
                }
                InformerCaches.awaitListed(started, LIST_SECONDS);
                ClusterCoverage synced = sync.sync(caches, fleetSeeds.forCluster(labels), fleetSeeds.known(),
                        progress -> report(() -> coverage.progress(progress)));
                report(() -> coverage.synced(synced));
            } catch (RuntimeException e) {
                report(() -> coverage.failed(cluster, reason(e)));
                lane.retryLater();
            }
        }

        private synchronized void report(Runnable toCoverage) {
            if (!closed) {
                toCoverage.run();
            }
        }

        /** The definition first: the informer on {@code ClusterPullSecret}s needs it to list anything. */
        private void watch() {
            if (ClusterPullSecretDefinition.installIfMissing(client)) {
                LOG.infof("cluster %s: installed the CustomResourceDefinition %s", cluster,
                        ClusterPullSecretDefinition.NAME);
            }
            sync = new PullSecretSync(cluster, client, Clock.systemUTC(), excludedNamespaces,
                    ClusterPullSecretDefinition.hasStatusSubresource(client));
            SharedIndexInformer<GenericKubernetesResource> definitions = client
                    .genericKubernetesResources(ClusterPullSecret.API_VERSION, ClusterPullSecret.KIND)
                    .runnableInformer(0);
            SharedIndexInformer<Namespace> namespaces = client.namespaces().runnableInformer(0);
            SharedIndexInformer<Secret> secrets = client.secrets().inAnyNamespace().runnableInformer(0);
            InformerCaches.indexCopies(secrets);
            SharedIndexInformer<ServiceAccount> serviceAccounts = client.serviceAccounts().inAnyNamespace()
                    .runnableInformer(0);
            start(definitions, object -> true);
            start(namespaces, object -> true);
            start(secrets, secret -> PullSecretSync.concerns(secret, definitions.getStore().list()));
            start(serviceAccounts, account -> "default".equals(account.getMetadata().getName()));
            caches = new InformerCaches(definitions, namespaces, secrets, serviceAccounts);
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
            synchronized (this) {
                if (!closed) {
                    started.add(informer.start().toCompletableFuture());
                    informers.add(informer);
                }
            }
        }

        /** The informers start on the lane's thread: one it starts after this is never started. */
        void close() {
            synchronized (this) {
                closed = true;
                informers.forEach(SharedIndexInformer::close);
            }
            thread.shutdownNow();
            client.close();
        }
    }
}
