package io.flotilla.observer.drift;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.flotilla.events.DriftMode;
import io.flotilla.events.CompressedObjects;
import io.flotilla.events.DriftFound;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.observer.cluster.ClusterConnections;
import io.flotilla.observer.cluster.InformerRetries;
import io.flotilla.observer.cluster.InformerStore;
import io.flotilla.observer.cluster.ObjectChanges;
import io.flotilla.observer.timeline.EventStream;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Follows every applied release whose drift detection is not {@code disabled}: one informer per cluster and kind
 * of object keeps the live objects, and each change of one of them compares its release again, so a drift is
 * reported as soon as the watch delivers it. The cluster's autoscalers are followed too: the replicas of a workload
 * one scales are not drift, and a release is compared only once they are known. All state is kept on one thread,
 * which never waits for a cluster. Each drift found, and each drift gone (a {@link DriftFound} without objects),
 * goes to the live event stream as well, for the dashboard. The informers keep only what is compared of the objects
 * of followed releases (see {@link ComparedParts}) and the others by their names (see {@link InformerStore}); one
 * seen before its release was followed is fetched once, on its cluster's own thread, so a cluster that hangs holds
 * up the drift detection of no other.
 * <p>
 * What it follows is kept in PostgreSQL too ({@link DriftRecords}): the topics are read on from where the observer
 * stopped, so a new watch (a restart) starts from what was kept, and forgets the drift of releases it no longer
 * follows. A drift found is sent in the trace of the applied event that made its release followed.
 */
@ApplicationScoped
@Startup
public class DriftWatch {

    private static final Logger LOG = Logger.getLogger(DriftWatch.class);
    private static final String AUTOSCALER_API = "autoscaling/v2";
    private static final String AUTOSCALER_KIND = "HorizontalPodAutoscaler";
    /**
     * Applied events kept until their rendered event comes: one that never comes (its rendering read before a
     * restart, or an applier reporting a digest the renderer never sent) must not stay in memory for good.
     */
    static final int WAITING_KEPT = 10_000;

    private final ClusterConnections connections;
    private final DriftRecords records;
    private final MutinyEmitter<String> drift;
    private final EventStream stream;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "drift-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<ReleaseKey, Rendering> rendered = new HashMap<>();
    private final Map<ReleaseKey, Applied> waiting = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ReleaseKey, Applied> eldest) {
            return size() > WAITING_KEPT;
        }
    };
    private final Map<ReleaseKey, Followed> followed = new HashMap<>();
    private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers = new HashMap<>();
    private final Map<String, InformerStore<GenericKubernetesResource>> stores = new HashMap<>();
    private final Map<String, Set<ReleaseKey>> owners = new HashMap<>();
    /** The objects of followed releases, read by the informers' threads to keep what is compared of them. */
    private final Set<String> followedObjects = ConcurrentHashMap.newKeySet();
    /** Per cluster, the thread that fetches objects known by their names only. */
    private final Map<String, ExecutorService> fetches = new HashMap<>();
    private final Set<String> fetching = new HashSet<>();

    public DriftWatch(ClusterConnections connections, DriftRecords records,
            @Channel("drift") MutinyEmitter<String> drift, EventStream stream) {
        this.connections = connections;
        this.stream = stream;
        this.records = records;
        this.drift = drift;
    }

    @PostConstruct
    void start() {
        // First on the worker: every event read afterwards is newer than what was kept.
        worker.execute(this::resume);
    }

    public void rendered(ReleaseRendered release) {
        worker.execute(() -> {
            if (release.removed()) {
                rendered.remove(release.release());
                waiting.remove(release.release());
                stopFollowing(release.release());
            } else if (release.objects() != null) {
                Rendering rendering = Rendering.of(release);
                rendered.put(release.release(), rendering);
                Applied early = waiting.get(release.release());
                if (early != null && renders(rendering, early.envelope.payload())) {
                    waiting.remove(release.release());
                    followSafely(early);
                }
            }
        });
    }

    /**
     * @param traceparent the trace context the applied event came with, or null
     */
    public void applied(Envelope<ReleaseApplied> envelope, String traceparent) {
        worker.execute(() -> followSafely(new Applied(envelope, traceparent)));
    }

    private void followSafely(Applied applied) {
        try {
            follow(applied);
        } catch (RuntimeException e) {
            LOG.warnf(e, "release %s: drift cannot be followed", applied.envelope.payload().release());
        }
    }

    private void follow(Applied event) {
        ReleaseApplied applied = event.envelope.payload();
        ReleaseKey key = applied.release();
        if (applied.outcome() == Outcome.Uninstalled) {
            waiting.remove(key);
            stopFollowing(key);
            return;
        }
        if (!List.of(Outcome.Ready, Outcome.Progressing).contains(applied.outcome())) {
            return;
        }
        Followed current = followed.get(key);
        if (current != null && current.applied.envelope.id().equals(event.envelope.id())) {
            // Read again (a restart, a rebalance): followed already, with the drift it reported.
            return;
        }
        Rendering rendering = rendered.get(key);
        if (rendering == null || !renders(rendering, applied)) {
            // The rendered and applied topics are read apart: the applied release may come before its rendering.
            waiting.put(key, event);
            return;
        }
        if (rendering.disabled()) {
            stopFollowing(key);
            return;
        }
        if (forget(key)) {
            // What it reported was about the revision before; this one is compared afresh.
            records.resolved(key);
        }
        Map<ObjectRef, JsonNode> objects = new HashMap<>();
        List<Map<String, Object>> renderedObjects = rendering.objects().objects();
        for (ObjectResult result : applied.objects()) {
            if (result.error() != null || result.object() == null) {
                continue;
            }
            ObjectRef ref = result.object();
            renderedObjects.stream().filter(object -> ref.isRenderedAs(object, key.namespace())).findFirst()
                    .ifPresent(object -> objects.put(ref, EventCodec.mapper().valueToTree(object)));
        }
        ReleaseDrift drift = new ReleaseDrift(objects, rendering.options(), List.of());
        records.followed(event.envelope, event.traceparent, drift);
        startFollowing(new Followed(event, drift));
    }

    /** Whether {@code applied} applied this rendering: the applier reports the input digest of what it applied. */
    private static boolean renders(Rendering rendering, ReleaseApplied applied) {
        return applied.inputDigest() == null || Objects.equals(rendering.inputDigest(), applied.inputDigest());
    }

    /**
     * Follows again what was followed when the observer stopped, each release with the drift it had reported, and
     * forgets the drift of every other release: changes made in the meantime are found as the informers list.
     */
    private void resume() {
        try {
            Map<ReleaseKey, List<DriftFound.DriftedObject>> reported = records.drifted();
            for (DriftRecords.Followed kept : records.allFollowed()) {
                ReleaseKey key = kept.applied().payload().release();
                try {
                    startFollowing(new Followed(new Applied(kept.applied(), kept.traceparent()),
                            new ReleaseDrift(kept.objects(), kept.options(), reported.getOrDefault(key, List.of()))));
                } catch (RuntimeException e) {
                    LOG.warnf(e, "release %s: drift cannot be followed again until it is applied again", key);
                }
            }
            records.resolvedAllBut(followed.keySet());
        } catch (RuntimeException e) {
            LOG.warnf(e, "drift is followed again only for releases applied from now on");
        }
    }

    private void startFollowing(Followed following) {
        ReleaseKey key = following.applied.envelope.payload().release();
        followed.put(key, following);
        for (ObjectRef ref : following.drift.applied().keySet()) {
            String id = objectId(key.cluster(), ref);
            owners.computeIfAbsent(id, owned -> new HashSet<>()).add(key);
            followedObjects.add(id);
            informer(key.cluster(), ref.apiVersion(), ref.kind());
        }
        informer(key.cluster(), AUTOSCALER_API, AUTOSCALER_KIND);
        check(key);
    }

    private void stopFollowing(ReleaseKey key) {
        if (forget(key)) {
            records.unfollowed(key);
            records.resolved(key);
        }
    }

    /** Lets go of the release in memory; whether it was followed. */
    private boolean forget(ReleaseKey key) {
        Followed gone = followed.remove(key);
        if (gone == null) {
            return false;
        }
        gone.drift.applied().keySet().forEach(ref -> {
            String id = objectId(key.cluster(), ref);
            Set<ReleaseKey> keys = owners.get(id);
            if (keys != null && keys.remove(key) && keys.isEmpty()) {
                owners.remove(id);
                followedObjects.remove(id);
            }
        });
        return true;
    }

    private SharedIndexInformer<GenericKubernetesResource> informer(String cluster, String apiVersion, String kind) {
        return informers.computeIfAbsent(cluster + "|" + apiVersion + "|" + kind, id -> {
            SharedIndexInformer<GenericKubernetesResource> informer = connections.client(cluster)
                    .genericKubernetesResources(apiVersion, kind).inAnyNamespace().runnableInformer(0);
            // Any autoscaler may scale a followed workload, and may be followed itself; other objects only when followed.
            UnaryOperator<GenericKubernetesResource> keptPart = AUTOSCALER_KIND.equals(kind) ? ComparedParts::of
                    : object -> followedObjects.contains(objectId(cluster, new ObjectRef(object.getApiVersion(), kind,
                            object.getMetadata().getNamespace(), object.getMetadata().getName())))
                                    ? ComparedParts.of(object) : null;
            InformerStore<GenericKubernetesResource> store = InformerStore.keeping(keptPart, () -> {
                GenericKubernetesResource names = new GenericKubernetesResource();
                names.setApiVersion(apiVersion);
                names.setKind(kind);
                return names;
            });
            informer.itemStore(store);
            stores.put(id, store);
            informer.addEventHandler(ObjectChanges.handler(object -> changed(cluster, kind, object),
                    object -> changed(cluster, kind, object)));
            // Objects deleted before the watch began show once its first list is in, however late the cluster answers.
            InformerRetries.onEveryFailure(informer).start().thenRun(() -> worker.execute(() -> followed.keySet().stream()
                    .filter(key -> key.cluster().equals(cluster)).toList().forEach(this::check)));
            return informer;
        });
    }

    /**
     * A live object came, changed or went: the releases it belongs to are compared again, and, for an autoscaler,
     * those of the workload it scales.
     */
    private void changed(String cluster, String kind, GenericKubernetesResource object) {
        List<ObjectRef> refs = new ArrayList<>();
        refs.add(new ObjectRef(object.getApiVersion(), kind, object.getMetadata().getNamespace(),
                object.getMetadata().getName()));
        if (AUTOSCALER_KIND.equals(kind)) {
            refs.add(new ObjectRef(object.get("spec", "scaleTargetRef", "apiVersion"),
                    object.get("spec", "scaleTargetRef", "kind"), object.getMetadata().getNamespace(),
                    object.get("spec", "scaleTargetRef", "name")));
        }
        worker.execute(() -> refs.stream().map(ref -> owners.get(objectId(cluster, ref))).filter(Objects::nonNull)
                .flatMap(Set::stream).distinct().toList().forEach(this::check));
    }

    /** Whether an autoscaler of the cluster scales the workload, once the cluster's autoscalers are known. */
    private boolean scaledByAutoscaler(String cluster, ObjectRef ref) {
        return informer(cluster, AUTOSCALER_API, AUTOSCALER_KIND).getStore().list().stream().anyMatch(autoscaler ->
                Objects.equals(autoscaler.getMetadata().getNamespace(), ref.namespace())
                        && Objects.equals(autoscaler.get("spec", "scaleTargetRef", "kind"), ref.kind())
                        && Objects.equals(autoscaler.get("spec", "scaleTargetRef", "name"), ref.name()));
    }

    private void check(ReleaseKey key) {
        Followed release = followed.get(key);
        if (release == null) {
            return;
        }
        if (!informer(key.cluster(), AUTOSCALER_API, AUTOSCALER_KIND).hasSynced()) {
            // Replicas an autoscaler sets are not drift: compared once the cluster's autoscalers are known.
            return;
        }
        List<DriftFound.DriftedObject> drifted = release.drift.drifted(ref -> live(key.cluster(), ref),
                ref -> scaledByAutoscaler(key.cluster(), ref));
        if (!release.drift.changedSinceReported(drifted)) {
            return;
        }
        Envelope<ReleaseApplied> applied = release.applied.envelope;
        DriftFound found = new DriftFound(key, applied.payload().revision(), drifted);
        Envelope<DriftFound> envelope = Envelope.causedBy(applied, "observer", found);
        if (drifted.isEmpty()) {
            records.resolved(key);
            stream.kept(envelope);
            return;
        }
        records.found(envelope, release.drift.options().driftDetection());
        stream.kept(envelope);
        drift.sendMessageAndForget(Message.of(EventCodec.encode(envelope))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(envelope.key()).build())
                .addMetadata(TracingMetadata.withCurrent(Traceparent.context(release.applied.traceparent))));
    }

    private JsonNode live(String cluster, ObjectRef ref) {
        SharedIndexInformer<GenericKubernetesResource> informer = informer(cluster, ref.apiVersion(), ref.kind());
        if (!informer.hasSynced()) {
            return MissingNode.getInstance();
        }
        String storeKey = namespaced(ref) ? ref.namespace() + "/" + ref.name() : ref.name();
        InformerStore<GenericKubernetesResource> store = stores.get(cluster + "|" + ref.apiVersion() + "|" + ref.kind());
        GenericKubernetesResource object = store.get(storeKey);
        if (object != null && store.namesOnly(storeKey)) {
            fetch(cluster, ref, store, storeKey);
            return MissingNode.getInstance();
        }
        return object == null ? null : EventCodec.mapper().valueToTree(object);
    }

    /**
     * Fetches an object seen before its release was followed, on its cluster's own thread: a cluster that hangs holds
     * up neither this watch's thread nor another cluster's fetches. Its releases are compared again once it is kept.
     */
    private void fetch(String cluster, ObjectRef ref, InformerStore<GenericKubernetesResource> store, String storeKey) {
        String id = objectId(cluster, ref);
        if (!fetching.add(id)) {
            return;
        }
        fetches.computeIfAbsent(cluster, DriftWatch::fetchThread).execute(() -> {
            GenericKubernetesResource object;
            try {
                var objects = connections.client(cluster).genericKubernetesResources(ref.apiVersion(), ref.kind());
                object = namespaced(ref) ? objects.inNamespace(ref.namespace()).withName(ref.name()).get()
                        : objects.withName(ref.name()).get();
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
                    List.copyOf(owners.getOrDefault(id, Set.of())).forEach(this::check);
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

    private static boolean namespaced(ObjectRef ref) {
        return ref.namespace() != null && !ref.namespace().isEmpty();
    }

    private static String objectId(String cluster, ObjectRef ref) {
        return cluster + "|" + ref.identity();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        fetches.values().forEach(ExecutorService::shutdownNow);
        informers.values().forEach(SharedIndexInformer::close);
    }

    /** An applied event and the trace context it came with (null when none). */
    private record Applied(Envelope<ReleaseApplied> envelope, String traceparent) {
    }

    private record Followed(Applied applied, ReleaseDrift drift) {
    }

    /** What drift needs of a rendering: its objects only while drift detection is not disabled. */
    private record Rendering(String inputDigest, ReleaseOptions options, CompressedObjects objects) {

        static Rendering of(ReleaseRendered release) {
            boolean disabled = release.options().driftDetection() == DriftMode.DISABLED;
            return new Rendering(release.inputDigest(), release.options(), disabled ? null : release.objects());
        }

        boolean disabled() {
            return objects == null;
        }
    }
}
