package io.flotilla.observer.drift;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.flotilla.events.ObjectRef;
import io.flotilla.observer.cluster.InformerRetries;
import io.flotilla.observer.cluster.InformerStore;
import io.flotilla.observer.cluster.ObjectChanges;

/**
 * The live objects of followed releases, from one informer per cluster and kind, and every autoscaler of the
 * clusters: the replicas of a workload one scales are not drift. The informers keep only what is compared of
 * followed objects (see {@link ComparedParts}) and the others by their names (see {@link InformerStore}); one seen
 * before its release was followed is fetched once, on its cluster's own thread, so a cluster that hangs holds up
 * neither the drift watch's thread nor another cluster's fetches.
 * <p>
 * Called from the drift watch's thread, to which it hands every change, so the watch keeps its state on one thread.
 */
final class LiveObjects {

    private static final Logger LOG = Logger.getLogger(LiveObjects.class);
    static final String AUTOSCALER_API = "autoscaling/v2";
    static final String AUTOSCALER_KIND = "HorizontalPodAutoscaler";

    /** What the live objects tell, on the drift watch's thread. */
    interface Changes {

        /** These objects came, changed, went or were fetched: the releases that own them are compared again. */
        void changed(String cluster, List<ObjectRef> objects);

        /** The first list of a watch of the cluster is in: objects deleted before it began now show as gone. */
        void listed(String cluster);
    }

    private final Function<String, KubernetesClient> clients;
    private final Executor worker;
    private final BiPredicate<String, ObjectRef> followed;
    private final Changes changes;
    private final Map<WatchedKind, Watch> watches = new HashMap<>();
    /** Per cluster, the thread that fetches objects known by their names only. */
    private final Map<String, ExecutorService> fetches = new HashMap<>();
    private final Set<ClusterObject> fetching = new HashSet<>();

    /**
     * @param worker   the drift watch's thread
     * @param followed whether an object of a cluster belongs to a followed release; asked from the informers' threads
     */
    LiveObjects(Function<String, KubernetesClient> clients, Executor worker, BiPredicate<String, ObjectRef> followed,
            Changes changes) {
        this.clients = clients;
        this.worker = worker;
        this.followed = followed;
        this.changes = changes;
    }

    /** Watches the kinds of these objects of the cluster, and the cluster's autoscalers, unless it does already. */
    void watch(String cluster, Collection<ObjectRef> objects) {
        objects.forEach(ref -> watch(cluster, ref.apiVersion(), ref.kind()));
        autoscalers(cluster);
    }

    /** Whether the cluster's autoscalers are known: replicas one sets are not drift, so nothing is compared before. */
    boolean autoscalersKnown(String cluster) {
        return autoscalers(cluster).informer().hasSynced();
    }

    /** Whether an autoscaler of the cluster scales the workload. */
    boolean scaledByAutoscaler(String cluster, ObjectRef ref) {
        return autoscalers(cluster).scaleTargets()
                .containsValue(new ScaleTarget(ref.namespace(), ref.kind(), ref.name()));
    }

    /**
     * What is compared of the live object: null when it does not exist, missing while it is not known yet (its
     * kind not listed yet, or being fetched; its releases are compared again once it is).
     */
    JsonNode object(String cluster, ObjectRef ref) {
        Watch watch = watch(cluster, ref.apiVersion(), ref.kind());
        if (!watch.informer().hasSynced()) {
            return MissingNode.getInstance();
        }
        String storeKey = ref.clusterScoped() ? ref.name() : ref.namespace() + "/" + ref.name();
        JsonNode object = watch.store().keptTree(storeKey);
        if (object != null && object.isMissingNode()) {
            fetch(cluster, ref, watch.store(), storeKey);
        }
        return object;
    }

    /** The cluster left, or is connected anew: its informers are closed and what they knew forgotten. */
    void forget(String cluster) {
        watches.entrySet().removeIf(watch -> {
            if (!watch.getKey().cluster().equals(cluster)) {
                return false;
            }
            watch.getValue().informer().close();
            return true;
        });
        ExecutorService fetch = fetches.remove(cluster);
        if (fetch != null) {
            fetch.shutdownNow();
        }
        fetching.removeIf(object -> object.cluster().equals(cluster));
    }

    void close() {
        fetches.values().forEach(ExecutorService::shutdownNow);
        watches.values().forEach(watch -> watch.informer().close());
    }

    private Watch autoscalers(String cluster) {
        return watch(cluster, AUTOSCALER_API, AUTOSCALER_KIND);
    }

    private Watch watch(String cluster, String apiVersion, String kind) {
        return watches.computeIfAbsent(new WatchedKind(cluster, apiVersion, kind), watched -> {
            SharedIndexInformer<GenericKubernetesResource> informer = clients.apply(cluster)
                    .genericKubernetesResources(apiVersion, kind).inAnyNamespace().runnableInformer(0);
            // Any autoscaler may scale a followed workload, and may be followed itself; other objects only when followed.
            UnaryOperator<GenericKubernetesResource> keptPart = AUTOSCALER_KIND.equals(kind) ? ComparedParts::of
                    : object -> followed.test(cluster, new ObjectRef(object.getApiVersion(), kind,
                            object.getMetadata().getNamespace(), object.getMetadata().getName()))
                                    ? ComparedParts.of(object) : null;
            InformerStore<GenericKubernetesResource> store = InformerStore.keeping(keptPart, () -> {
                GenericKubernetesResource names = new GenericKubernetesResource();
                names.setApiVersion(apiVersion);
                names.setKind(kind);
                return names;
            });
            informer.itemStore(store);
            Map<String, ScaleTarget> scaleTargets = new ConcurrentHashMap<>();
            informer.addEventHandler(ObjectChanges.handler(object -> changed(cluster, kind, object, scaleTargets, true),
                    object -> changed(cluster, kind, object, scaleTargets, false)));
            // Objects deleted before the watch began show once its first list is in, however late the cluster answers.
            InformerRetries.onEveryFailure(informer).start().thenRun(() -> worker.execute(() -> changes.listed(cluster)));
            return new Watch(informer, store, scaleTargets);
        });
    }

    /**
     * A live object came or changed ({@code present}), or went, and for an autoscaler, the workload it scales with it
     * (what it scales known, in {@code scaleTargets}, before that workload is compared again).
     */
    private void changed(String cluster, String kind, GenericKubernetesResource object,
            Map<String, ScaleTarget> scaleTargets, boolean present) {
        List<ObjectRef> refs = new ArrayList<>();
        String namespace = object.getMetadata().getNamespace();
        refs.add(new ObjectRef(object.getApiVersion(), kind, namespace, object.getMetadata().getName()));
        if (AUTOSCALER_KIND.equals(kind)) {
            String targetKind = object.get("spec", "scaleTargetRef", "kind");
            String targetName = object.get("spec", "scaleTargetRef", "name");
            String autoscaler = namespace + "/" + object.getMetadata().getName();
            if (present) {
                scaleTargets.put(autoscaler, new ScaleTarget(namespace, targetKind, targetName));
            } else {
                scaleTargets.remove(autoscaler);
            }
            refs.add(new ObjectRef(object.get("spec", "scaleTargetRef", "apiVersion"), targetKind, namespace,
                    targetName));
        }
        worker.execute(() -> changes.changed(cluster, refs));
    }

    /** Fetches an object seen before its release was followed; its releases are compared again once it is kept. */
    private void fetch(String cluster, ObjectRef ref, InformerStore<GenericKubernetesResource> store, String storeKey) {
        ClusterObject id = ClusterObject.of(cluster, ref);
        if (!fetching.add(id)) {
            return;
        }
        fetches.computeIfAbsent(cluster, LiveObjects::fetchThread).execute(() -> {
            GenericKubernetesResource object;
            try {
                var objects = clients.apply(cluster).genericKubernetesResources(ref.apiVersion(), ref.kind());
                object = ref.clusterScoped() ? objects.withName(ref.name()).get()
                        : objects.inNamespace(ref.namespace()).withName(ref.name()).get();
            } catch (KubernetesClientException e) {
                LOG.debugf(e, "cluster %s: %s cannot be read; compared when it next changes", cluster, ref);
                object = null;
            }
            GenericKubernetesResource fetched = object;
            worker.execute(() -> {
                fetching.remove(id);
                if (fetched == null) {
                    // Gone, or unreadable for now: the watch tells when it is deleted or next changes.
                    return;
                }
                store.keep(storeKey, ComparedParts.of(fetched));
                if (!store.namesOnly(storeKey)) {
                    changes.changed(cluster, List.of(ref));
                }
            });
        });
    }

    /** A thread that ends when its cluster has nothing left to fetch. */
    private static ExecutorService fetchThread(String cluster) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "drift-fetch-" + cluster);
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private record WatchedKind(String cluster, String apiVersion, String kind) {
    }

    /** The workload an autoscaler scales, in its own namespace. */
    private record ScaleTarget(String namespace, String kind, String name) {
    }

    /**
     * @param scaleTargets of an autoscalers' watch, the workload each autoscaler ({@code namespace/name}) scales: kept
     *                     apart from the store, which keeps objects as JSON, so that asking whether one scales a
     *                     workload reads nothing back
     */
    private record Watch(SharedIndexInformer<GenericKubernetesResource> informer,
            InformerStore<GenericKubernetesResource> store, Map<String, ScaleTarget> scaleTargets) {
    }
}
