package io.flotilla.observer.inventory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.flotilla.observer.cluster.ClusterConnections;
import io.flotilla.observer.cluster.InformerRetries;
import io.flotilla.observer.cluster.InformerStore;
import io.flotilla.observer.cluster.ObjectChanges;
import io.flotilla.observer.cluster.WatchedClusters;
import io.flotilla.observer.objecttree.ObjectTrees;
import io.flotilla.observer.objecttree.TreeFollowers;
import io.quarkus.runtime.StartupEvent;

/**
 * The object trees of clusters another instance watches, while a page of one of their releases is open here: the
 * release page of any instance draws its tree. Only the kinds a tree shows are watched (workloads, ReplicaSets, Pods,
 * Jobs, CronJobs), from the first page opened to the last one closed; the page is told once they are listed. A cluster
 * this instance watches has its trees from {@link InventoryWatch} already.
 * <p>
 * Decided on a thread of its own: pages open and close on the event loops, which must not wait.
 */
@ApplicationScoped
public class TreeWatch {

    private static final Logger LOG = Logger.getLogger(TreeWatch.class);

    private final ClusterConnections connections;
    private final WatchedClusters clusters;
    private final TreeFollowers followers;
    private final ObjectTrees trees;
    /** Pages open per cluster; changed on the decision thread only. */
    private final Map<String, Integer> pages = new HashMap<>();
    private final Map<String, List<SharedIndexInformer<? extends HasMetadata>>> watches = new HashMap<>();
    private final ExecutorService decisions = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tree-watch");
        thread.setDaemon(true);
        return thread;
    });

    public TreeWatch(ClusterConnections connections, WatchedClusters clusters, TreeFollowers followers,
            ObjectTrees trees) {
        this.connections = connections;
        this.clusters = clusters;
        this.followers = followers;
        this.trees = trees;
    }

    void start(@Observes StartupEvent started) {
        followers.listen(new TreeFollowers.Demand() {
            @Override
            public void followed(String cluster) {
                decide(() -> {
                    pages.merge(cluster, 1, Integer::sum);
                    settle(cluster);
                });
            }

            @Override
            public void unfollowed(String cluster) {
                decide(() -> {
                    pages.computeIfPresent(cluster, (name, open) -> open > 1 ? open - 1 : null);
                    settle(cluster);
                });
            }
        });
        clusters.listen(new WatchedClusters.Listener() {
            @Override
            public void watched(String cluster) {
                decide(() -> settle(cluster));
            }

            @Override
            public void unwatched(String cluster, boolean left) {
                decide(() -> settle(cluster));
            }
        });
        connections.listen(new ClusterConnections.Listener() {
            @Override
            public void connected(String cluster) {
                decide(() -> settle(cluster));
            }

            @Override
            public void disconnected(String cluster) {
                // Its informers close before its client, which closes once this returns.
                stop(cluster, true);
            }
        });
    }

    /** Watches the cluster's trees while a page of it is open, it is connected, and no watch of this instance has it. */
    private synchronized void settle(String cluster) {
        boolean needed = pages.containsKey(cluster) && connections.connected(cluster) && !clusters.watching(cluster);
        if (needed && !watches.containsKey(cluster)) {
            try {
                watches.put(cluster, inform(cluster, connections.client(cluster)));
                LOG.debugf("cluster %s: its trees are watched for the pages open here", cluster);
            } catch (RuntimeException e) {
                LOG.warnf(e, "cluster %s: its trees cannot be watched here", cluster);
            }
        } else if (!needed) {
            // A cluster this instance watches now keeps the trees its inventory watch draws.
            stop(cluster, !clusters.watching(cluster));
        }
    }

    private synchronized void stop(String cluster, boolean forget) {
        List<SharedIndexInformer<? extends HasMetadata>> running = watches.remove(cluster);
        if (running == null) {
            return;
        }
        running.forEach(SharedIndexInformer::close);
        if (forget) {
            trees.forget(cluster);
        }
    }

    private List<SharedIndexInformer<? extends HasMetadata>> inform(String cluster, KubernetesClient client) {
        return List.of(
                inform(cluster, client.apps().deployments().inAnyNamespace().runnableInformer(0),
                        Deployment::new),
                inform(cluster, client.apps().replicaSets().inAnyNamespace().runnableInformer(0),
                        ReplicaSet::new),
                inform(cluster, client.apps().statefulSets().inAnyNamespace().runnableInformer(0),
                        StatefulSet::new),
                inform(cluster, client.apps().daemonSets().inAnyNamespace().runnableInformer(0),
                        DaemonSet::new),
                inform(cluster, client.pods().inAnyNamespace().runnableInformer(0),
                        Pod::new),
                inform(cluster, client.batch().v1().jobs().inAnyNamespace().runnableInformer(0),
                        Job::new),
                inform(cluster, client.batch().v1().cronjobs().inAnyNamespace().runnableInformer(0),
                        CronJob::new));
    }

    /** The trees keep what they need of each object: the informer keeps only names. */
    private <T extends HasMetadata> SharedIndexInformer<T> inform(String cluster, SharedIndexInformer<T> informer,
            Supplier<T> empty) {
        informer.itemStore(InformerStore.namesOnly(empty));
        informer.addEventHandler(ObjectChanges.handler(object -> trees.seen(cluster, object),
                object -> trees.gone(cluster, object)));
        InformerRetries.onEveryFailure(informer).start();
        return informer;
    }

    private void decide(Runnable decision) {
        try {
            decisions.execute(decision);
        } catch (RejectedExecutionException e) {
            LOG.debugf("the observer stops: a page's tree is no longer watched");
        }
    }

    @PreDestroy
    synchronized void close() {
        decisions.shutdownNow();
        watches.values().forEach(running -> running.forEach(SharedIndexInformer::close));
        watches.clear();
    }
}
