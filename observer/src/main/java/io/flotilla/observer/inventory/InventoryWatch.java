package io.flotilla.observer.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.flotilla.events.ClusterState;
import io.flotilla.observer.cluster.InformerRetries;
import io.flotilla.observer.cluster.InformerStore;
import io.flotilla.observer.cluster.ObjectChanges;
import io.flotilla.observer.cluster.WatchedClusters;
import io.flotilla.observer.objecttree.ObjectTrees;
import io.quarkus.runtime.StartupEvent;

/**
 * Watches the registered clusters this instance watches ({@link WatchedClusters}) with informers, from when it takes
 * one until it leaves or moves to another instance (anew when its credentials change), and hands each cluster's state to {@link ClusterStates} when it changed: changes arriving within one
 * debounce period make one state; a cluster that leaves is dropped from the inventory (one that moves is kept: its new
 * watcher takes its states on). The server's version and the
 * API versions it serves are asked at start, then once a minute, and again whenever a CustomResourceDefinition comes,
 * changes or goes, so a chart rendered for the cluster sees its new kinds at once. The same watches (and those of
 * ReplicaSets, Jobs and CronJobs) keep {@link ObjectTrees}: which workload owns which ReplicaSets, Jobs and Pods, and
 * how healthy each is.
 */
@ApplicationScoped
public class InventoryWatch {

    private static final Logger LOG = Logger.getLogger(InventoryWatch.class);

    private final WatchedClusters clusters;
    private final Duration debounce;
    private final ClusterStates states;
    private final ObjectTrees trees;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cluster-inventory");
        thread.setDaemon(true);
        return thread;
    });
    /** Asks the API servers apart from the ticker, so a cluster slow to answer never holds up the others' states. */
    private final ScheduledExecutorService discovery = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cluster-discovery");
        thread.setDaemon(true);
        return thread;
    });

    public InventoryWatch(WatchedClusters clusters,
            @ConfigProperty(name = "flotilla.inventory.debounce", defaultValue = "500ms") Duration debounce,
            ClusterStates states, ObjectTrees trees) {
        this.clusters = clusters;
        this.trees = trees;
        this.debounce = debounce;
        this.states = states;
    }

    void start(@Observes StartupEvent started) {
        ticker.scheduleWithFixedDelay(this::tick, 0, debounce.toMillis(), TimeUnit.MILLISECONDS);
        discovery.scheduleWithFixedDelay(() -> watched.values().forEach(Watched::askIfDue), 0, 10, TimeUnit.SECONDS);
        clusters.listen(new WatchedClusters.Listener() {
            @Override
            public void watched(String cluster) {
                watched.computeIfAbsent(cluster, InventoryWatch.this::watch);
            }

            @Override
            public void unwatched(String cluster, boolean left) {
                Watched gone = watched.remove(cluster);
                if (gone != null) {
                    gone.close();
                }
                if (left) {
                    states.forget(cluster);
                }
                trees.forget(cluster);
            }
        });
    }

    private Watched watch(String cluster) {
        KubernetesClient client = clusters.client(cluster);
        ClusterInventory inventory = new ClusterInventory(cluster, Instant::now);
        Watched watching = new Watched(client, inventory, discovery);
        watching.informers = List.of(
                inform(client.nodes().runnableInformer(0), Node::new, inventory::node, inventory::nodeGone),
                inform(client.apps().deployments().inAnyNamespace().runnableInformer(0), Deployment::new,
                        seenAlsoByTree(cluster, inventory::deployment),
                        goneAlsoFromTree(cluster, inventory::workloadGone)),
                inform(client.apps().replicaSets().inAnyNamespace().runnableInformer(0), ReplicaSet::new,
                        replicaSet -> trees.seen(cluster, replicaSet), replicaSet -> trees.gone(cluster, replicaSet)),
                inform(client.batch().v1().jobs().inAnyNamespace().runnableInformer(0), Job::new,
                        job -> trees.seen(cluster, job), job -> trees.gone(cluster, job)),
                inform(client.batch().v1().cronjobs().inAnyNamespace().runnableInformer(0), CronJob::new,
                        cronJob -> trees.seen(cluster, cronJob), cronJob -> trees.gone(cluster, cronJob)),
                inform(client.apps().statefulSets().inAnyNamespace().runnableInformer(0), StatefulSet::new,
                        seenAlsoByTree(cluster, inventory::statefulSet),
                        goneAlsoFromTree(cluster, inventory::workloadGone)),
                inform(client.apps().daemonSets().inAnyNamespace().runnableInformer(0), DaemonSet::new,
                        seenAlsoByTree(cluster, inventory::daemonSet),
                        goneAlsoFromTree(cluster, inventory::workloadGone)),
                inform(client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace().runnableInformer(0),
                        HorizontalPodAutoscaler::new, inventory::autoscaler, inventory::autoscalerGone),
                inform(client.pods().inAnyNamespace().runnableInformer(0), Pod::new,
                        seenAlsoByTree(cluster, inventory::pod), goneAlsoFromTree(cluster, inventory::podGone)),
                inform(client.v1().events().inAnyNamespace().runnableInformer(0), Event::new, inventory::event,
                        inventory::eventGone),
                inform(client.apiextensions().v1().customResourceDefinitions().runnableInformer(0),
                        CustomResourceDefinition::new, crd -> watching.askSoon(), crd -> watching.askSoon()));
        // Its version and API versions are asked at once, not at the next round: a card says the version as it joins.
        watching.askSoon();
        return watching;
    }

    /** The inventory's handler for an object added or changed, then the same told to the cluster's tree. */
    private <T extends HasMetadata> Consumer<T> seenAlsoByTree(String cluster, Consumer<? super T> inventorySeen) {
        return object -> {
            inventorySeen.accept(object);
            trees.seen(cluster, object);
        };
    }

    /** The inventory's handler for an object deleted, then the same told to the cluster's tree. */
    private <T extends HasMetadata> Consumer<T> goneAlsoFromTree(String cluster, Consumer<? super T> inventoryGone) {
        return object -> {
            inventoryGone.accept(object);
            trees.gone(cluster, object);
        };
    }

    /** The inventory keeps what it needs of each object itself: the informer keeps only names. */
    private static <T extends HasMetadata> SharedIndexInformer<T> inform(SharedIndexInformer<T> informer,
            Supplier<T> empty, Consumer<T> seen, Consumer<? super T> gone) {
        informer.itemStore(InformerStore.namesOnly(empty));
        informer.addEventHandler(ObjectChanges.handler(seen, gone));
        // Started without waiting: an unreachable cluster must not hold up the others, and is listed once it answers.
        InformerRetries.onEveryFailure(informer).start();
        return informer;
    }

    private void tick() {
        for (Watched cluster : watched.values()) {
            try {
                cluster.inventory.reachable(cluster.reachable());
                ClusterState state = cluster.inventory.takeIfChanged();
                if (state != null && watched.get(cluster.inventory.cluster()) == cluster) {
                    states.observed(state);
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "cluster %s: its state could not be taken", cluster.inventory.cluster());
            }
        }
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
        discovery.shutdownNow();
        watched.values().forEach(Watched::close);
    }

    private static final class Watched {
        final KubernetesClient client;
        final ClusterInventory inventory;
        final ScheduledExecutorService discovery;
        final AtomicBoolean asking = new AtomicBoolean();
        List<SharedIndexInformer<?>> informers = List.of();
        volatile long answeredAt;

        Watched(KubernetesClient client, ClusterInventory inventory, ScheduledExecutorService discovery) {
            this.client = client;
            this.inventory = inventory;
            this.discovery = discovery;
        }

        boolean reachable() {
            return informers.stream().allMatch(SharedIndexInformer::isWatching);
        }

        /** Once a minute, so an upgrade or a new aggregated API shows without a restart; until the first answer, every call. */
        void askIfDue() {
            if (System.currentTimeMillis() - answeredAt > 60_000) {
                askSoon();
            }
        }

        /** Changes that come together (every CRD listed at start) make one round of questions. */
        void askSoon() {
            if (asking.compareAndSet(false, true)) {
                discovery.execute(this::ask);
            }
        }

        private void ask() {
            asking.set(false);
            try {
                inventory.served(client.getKubernetesVersion().getGitVersion(),
                        ApiDiscovery.apiVersions(inventory.cluster(), client));
                answeredAt = System.currentTimeMillis();
            } catch (RuntimeException e) {
                LOG.debugf(e, "cluster %s: no server version or API versions", inventory.cluster());
            }
        }

        void close() {
            informers.forEach(SharedIndexInformer::close);
        }
    }
}
