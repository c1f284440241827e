package io.flotilla.observer.drift;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
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
import io.flotilla.observer.inventory.InventoryWatch;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Follows every applied release whose drift detection is not {@code disabled}: one informer per cluster and kind
 * of object keeps the live objects, and each change of one of them compares its release again, so a drift is
 * reported as soon as the watch delivers it. All state is kept on one thread.
 */
@ApplicationScoped
public class DriftWatch {

    private static final Logger LOG = Logger.getLogger(DriftWatch.class);

    private final ClusterConnections connections;
    private final InventoryWatch inventory;
    private final DriftRecords records;
    private final MutinyEmitter<String> drift;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "drift-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<ReleaseKey, ReleaseRendered> rendered = new HashMap<>();
    private final Map<ReleaseKey, Envelope<ReleaseApplied>> waiting = new HashMap<>();
    private final Map<ReleaseKey, Followed> followed = new HashMap<>();
    private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers = new HashMap<>();
    private final Map<String, Set<ReleaseKey>> owners = new HashMap<>();

    public DriftWatch(ClusterConnections connections, InventoryWatch inventory, DriftRecords records,
            @Channel("drift") MutinyEmitter<String> drift) {
        this.connections = connections;
        this.inventory = inventory;
        this.records = records;
        this.drift = drift;
    }

    public void rendered(ReleaseRendered release) {
        worker.execute(() -> {
            if (release.removed()) {
                rendered.remove(release.release());
                stopFollowing(release.release());
            } else if (release.objects() != null) {
                rendered.put(release.release(), release);
                Envelope<ReleaseApplied> early = waiting.remove(release.release());
                if (early != null) {
                    applied(early);
                }
            }
        });
    }

    public void applied(Envelope<ReleaseApplied> envelope) {
        worker.execute(() -> {
            try {
                follow(envelope);
            } catch (RuntimeException e) {
                LOG.warnf(e, "release %s: drift cannot be followed", envelope.payload().release());
            }
        });
    }

    private void follow(Envelope<ReleaseApplied> envelope) {
        ReleaseApplied applied = envelope.payload();
        ReleaseKey key = applied.release();
        ReleaseRendered release = rendered.get(key);
        if (release == null && applied.outcome() != Outcome.Uninstalled) {
            // The rendered and applied topics are read apart: the applied release may come first.
            waiting.put(key, envelope);
            return;
        }
        if (applied.outcome() == Outcome.Uninstalled
                || !List.of(Outcome.Ready, Outcome.Progressing).contains(applied.outcome())) {
            if (applied.outcome() == Outcome.Uninstalled) {
                stopFollowing(key);
            }
            return;
        }
        ReleaseOptions options = release.options() == null ? ReleaseOptions.DEFAULTS : release.options();
        stopFollowing(key);
        if ("disabled".equals(options.driftDetection())) {
            return;
        }
        Map<ObjectRef, JsonNode> objects = new HashMap<>();
        List<Map<String, Object>> renderedObjects = release.objects().objects();
        for (ObjectResult result : applied.objects()) {
            if (result.error() != null || result.object() == null) {
                continue;
            }
            ObjectRef ref = result.object();
            renderedObjects.stream().filter(object -> sameObject(object, ref, key.namespace())).findFirst()
                    .ifPresent(object -> objects.put(ref, EventCodec.mapper().valueToTree(object)));
        }
        Followed following = new Followed(envelope, new ReleaseDrift(objects, options), options.driftDetection());
        followed.put(key, following);
        for (ObjectRef ref : objects.keySet()) {
            owners.computeIfAbsent(objectId(key.cluster(), ref), id -> new HashSet<>()).add(key);
            informer(key.cluster(), ref.apiVersion(), ref.kind());
        }
        check(key);
    }

    private void stopFollowing(ReleaseKey key) {
        Followed gone = followed.remove(key);
        if (gone != null) {
            gone.drift.applied().keySet().forEach(ref -> {
                Set<ReleaseKey> keys = owners.get(objectId(key.cluster(), ref));
                if (keys != null) {
                    keys.remove(key);
                }
            });
            records.resolved(key);
        }
    }

    private SharedIndexInformer<GenericKubernetesResource> informer(String cluster, String apiVersion, String kind) {
        return informers.computeIfAbsent(cluster + "|" + apiVersion + "|" + kind, id -> {
            SharedIndexInformer<GenericKubernetesResource> informer = connections.client(cluster)
                    .genericKubernetesResources(apiVersion, kind).inAnyNamespace().runnableInformer(0);
            informer.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(GenericKubernetesResource object) {
                    changed(cluster, kind, object);
                }

                @Override
                public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource object) {
                    changed(cluster, kind, object);
                }

                @Override
                public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
                    changed(cluster, kind, object);
                }
            });
            // Objects deleted before the watch began show once its first list is in.
            informer.start().thenRun(() -> worker.execute(() -> followed.keySet().stream()
                    .filter(key -> key.cluster().equals(cluster)).toList().forEach(this::check)));
            return informer;
        });
    }

    private void changed(String cluster, String kind, GenericKubernetesResource object) {
        ObjectRef ref = new ObjectRef(object.getApiVersion(), kind, object.getMetadata().getNamespace(),
                object.getMetadata().getName());
        worker.execute(() -> {
            Set<ReleaseKey> keys = owners.get(objectId(cluster, ref));
            if (keys != null) {
                List.copyOf(keys).forEach(this::check);
            }
        });
    }

    private void check(ReleaseKey key) {
        Followed release = followed.get(key);
        if (release == null) {
            return;
        }
        List<DriftFound.DriftedObject> drifted = release.drift.drifted(ref -> live(key.cluster(), ref),
                ref -> inventory.scaledByAutoscaler(key.cluster(), ref.namespace(), ref.kind(), ref.name()));
        if (!release.drift.changedSinceReported(drifted)) {
            return;
        }
        if (drifted.isEmpty()) {
            records.resolved(key);
            return;
        }
        DriftFound found = new DriftFound(key, release.applied.payload().revision(), drifted);
        Envelope<DriftFound> envelope = Envelope.causedBy(release.applied, "observer", found);
        records.found(envelope, release.mode);
        drift.sendMessageAndForget(Message.of(EventCodec.encode(envelope))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(envelope.key()).build()));
    }

    private JsonNode live(String cluster, ObjectRef ref) {
        SharedIndexInformer<GenericKubernetesResource> informer = informer(cluster, ref.apiVersion(), ref.kind());
        if (!informer.hasSynced()) {
            return MissingNode.getInstance();
        }
        String storeKey = ref.namespace() == null || ref.namespace().isEmpty() ? ref.name()
                : ref.namespace() + "/" + ref.name();
        GenericKubernetesResource object = informer.getStore().getByKey(storeKey);
        return object == null ? null : EventCodec.mapper().valueToTree(object);
    }

    private static boolean sameObject(Map<String, Object> object, ObjectRef ref, String releaseNamespace) {
        if (!(object.get("metadata") instanceof Map<?, ?> metadata)) {
            return false;
        }
        Object namespace = metadata.get("namespace");
        String effective = namespace == null ? (ref.namespace() == null ? null : releaseNamespace) : namespace.toString();
        return Objects.equals(object.get("kind"), ref.kind()) && Objects.equals(metadata.get("name"), ref.name())
                && Objects.equals(effective, ref.namespace());
    }

    private static String objectId(String cluster, ObjectRef ref) {
        return cluster + "|" + ref.kind() + "|" + ref.namespace() + "|" + ref.name();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        informers.values().forEach(SharedIndexInformer::close);
    }

    private record Followed(Envelope<ReleaseApplied> applied, ReleaseDrift drift, String mode) {
    }
}
