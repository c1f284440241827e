package io.flotilla.applier.apply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flotilla.applier.cluster.ClusterClients;
import io.flotilla.applier.cluster.ClusterUnreachableException;
import io.flotilla.applier.cluster.ServedKinds;
import io.flotilla.applier.cluster.UnknownClusterException;
import io.flotilla.applier.cluster.UnservedKindException;
import io.flotilla.applier.health.HealthWait;
import io.flotilla.applier.hook.HelmHooks;
import io.flotilla.applier.hook.HookRun;
import io.flotilla.applier.order.ApplyOrder;
import io.flotilla.applier.prune.ObjectDeletion;
import io.flotilla.applier.prune.PruneSet;
import io.flotilla.events.EventFormatException;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;

/**
 * Applies the objects of one rendered release to its cluster with server-side apply, in install
 * order, after a dry run of them all; prunes what the release no longer has, and uninstalls it. An
 * object the API server refuses while applying fails the release but not the objects after it, so the
 * report shows everything that was tried; a cluster that cannot be reached stops the release at once.
 */
@Singleton
public class ReleaseApply {

    public static final String FIELD_MANAGER = "flotilla";

    private final ClusterClients clusters;
    private final HealthWait health;

    @Inject
    public ReleaseApply(ClusterClients clusters, HealthWait health) {
        this.clusters = clusters;
        this.health = health;
    }

    /**
     * Waits until the applied objects are healthy: empty then, otherwise the object and the condition that
     * failed, or that still held when {@code timeout} passed.
     */
    public Optional<String> awaitHealth(ReleaseKey release, List<ObjectRef> objects, Duration timeout) {
        return health.await(clusters.client(release.cluster()), objects, timeout);
    }

    /**
     * Applies the rendered release, then deletes what {@code inventory} (the objects the release has on its
     * cluster) holds that the release no longer renders. Nothing is deleted unless every object applied.
     * Never throws for anything a release or a cluster can cause; the report says what happened.
     */
    public ApplyReport apply(ReleaseRendered rendered, List<ObjectRef> inventory) {
        ReleaseKey release = rendered.release();
        KubernetesClient client;
        List<GenericKubernetesResource> objects;
        try {
            client = clusters.client(release.cluster());
            objects = RenderedObjects.decode(rendered.objects() == null ? List.of() : rendered.objects().objects(),
                    client.getKubernetesSerialization());
        } catch (UnknownClusterException | InvalidObjectException | EventFormatException e) {
            return ApplyReport.failed(e.getMessage(), List.of());
        }
        ServedKinds kinds = new ServedKinds(release.cluster(), client);
        ReleaseNamespace namespace = new ReleaseNamespace(release.namespace());
        List<HasMetadata> hooks = objects.stream().<HasMetadata>map(object -> object).filter(HelmHooks::isHook).toList();
        List<HasMetadata> ordered = ApplyOrder.forInstall(objects.stream()
                .filter(object -> !HelmHooks.isHook(object)).toList());
        boolean createsItsNamespace = createsItsNamespace(rendered, objects);
        ServerDryRun dryRun = new ServerDryRun(client, kinds, namespace,
                namespacesCreated(release, objects, createsItsNamespace), objects);
        try {
            List<ObjectResult> refused = dryRun.refusals(ApplyOrder.forInstall(objects));
            if (!refused.isEmpty()) {
                return ApplyReport.refused(refused, objects.size());
            }
        } catch (KubernetesClientException e) {
            return unreachable(release, e).orElseThrow(() -> e);
        }
        try {
            if (createsItsNamespace && !dryRun.exists(release.namespace())) {
                ensureNamespace(client, release.namespace());
            }
        } catch (KubernetesClientException e) {
            return unreachable(release, e).orElseGet(() -> ApplyReport.failed(
                    "cannot create the release namespace '" + release.namespace() + "': " + apiServerMessage(e),
                    List.of()));
        }
        String phase = inventory.isEmpty() ? "install" : "upgrade";
        HookRun hookRun = new HookRun(client, health, Duration.ofSeconds(rendered.options().timeoutSeconds()),
                object -> applyOne(release, client, kinds, namespace, object));
        List<ObjectResult> results = new ArrayList<>();
        try {
            Optional<String> failedHook = hookRun.run("pre-" + phase, HelmHooks.of("pre-" + phase, hooks), results);
            if (failedHook.isPresent()) {
                return ApplyReport.failed(failedHook.get(), results);
            }
            ApplyReport applied = applyInOrder(release, client, kinds, namespace, ordered);
            results.addAll(applied.objects());
            if (applied.outcome() != Outcome.Ready) {
                return new ApplyReport(applied.outcome(), results, applied.error());
            }
            failedHook = hookRun.run("post-" + phase, HelmHooks.of("post-" + phase, hooks), results);
            if (failedHook.isPresent()) {
                return ApplyReport.failed(failedHook.get(), results);
            }
        } catch (ClusterUnreachableException e) {
            return ApplyReport.unreachable(e.getMessage(), results);
        } catch (KubernetesClientException e) {
            return unreachable(release, e).orElseGet(() -> ApplyReport.failed(apiServerMessage(e), results));
        }
        List<ObjectRef> gone = PruneSet.of(inventory, results.stream()
                .filter(result -> !HookRun.RAN.equals(result.action())).map(ObjectResult::object).toList());
        return deleting(release, client, gone, Outcome.Ready, results);
    }

    /** Deletes every object of the release from its cluster, but those it must keep: {@code Uninstalled}. */
    public ApplyReport uninstall(ReleaseKey release, List<ObjectRef> inventory) {
        KubernetesClient client;
        try {
            client = clusters.client(release.cluster());
        } catch (UnknownClusterException e) {
            return ApplyReport.failed(e.getMessage(), List.of());
        }
        return deleting(release, client, inventory, Outcome.Uninstalled, List.of());
    }

    private ApplyReport deleting(ReleaseKey release, KubernetesClient client, List<ObjectRef> objects,
            Outcome outcome, List<ObjectResult> before) {
        List<ObjectResult> results = new ArrayList<>(before);
        try {
            results.addAll(ObjectDeletion.delete(client, objects));
        } catch (KubernetesClientException e) {
            return ApplyReport.unreachable(unreachableCluster(release, e).getMessage(), results);
        }
        return ApplyReport.of(outcome, results);
    }

    private ApplyReport applyInOrder(ReleaseKey release, KubernetesClient client, ServedKinds kinds,
            ReleaseNamespace namespace, List<HasMetadata> ordered) {
        List<ObjectResult> results = new ArrayList<>();
        try {
            for (HasMetadata object : ordered) {
                results.add(applyOne(release, client, kinds, namespace, object));
            }
        } catch (ClusterUnreachableException e) {
            return ApplyReport.unreachable(e.getMessage(), results);
        }
        return ApplyReport.of(Outcome.Ready, results);
    }

    private static Set<String> namespacesCreated(ReleaseKey release, List<GenericKubernetesResource> objects,
            boolean createsItsNamespace) {
        Set<String> created = new HashSet<>();
        objects.stream().filter(object -> "Namespace".equals(object.getKind()))
                .forEach(object -> created.add(object.getMetadata().getName()));
        if (createsItsNamespace) {
            created.add(release.namespace());
        }
        return created;
    }

    private Optional<ApplyReport> unreachable(ReleaseKey release, KubernetesClientException e) {
        if (!ClusterUnreachableException.isConnectionFailure(e)) {
            return Optional.empty();
        }
        return Optional.of(ApplyReport.unreachable(unreachableCluster(release, e).getMessage(), List.of()));
    }

    private ClusterUnreachableException unreachableCluster(ReleaseKey release, KubernetesClientException e) {
        String server = clusters.serverOf(release.cluster()).orElse("its API server");
        return new ClusterUnreachableException(release.cluster(), server, e);
    }

    /** @throws ClusterUnreachableException when the cluster does not answer */
    private ObjectResult applyOne(ReleaseKey release, KubernetesClient client, ServedKinds kinds,
            ReleaseNamespace namespace, HasMetadata object) {
        try {
            namespace.place(object, kinds.namespaced(object.getApiVersion(), object.getKind()));
            client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            return ObjectResult.applied(refOf(object));
        } catch (UnservedKindException e) {
            return ObjectResult.failed(refOf(object), e.getMessage());
        } catch (KubernetesClientException e) {
            if (ClusterUnreachableException.isConnectionFailure(e)) {
                throw unreachableCluster(release, e);
            }
            return ObjectResult.failed(refOf(object), apiServerMessage(e));
        }
    }

    /**
     * As {@code helm install --create-namespace}: a chart's release namespace is created when missing.
     * A folder of manifests brings its own namespaces, and one in the release is applied in order.
     */
    private static boolean createsItsNamespace(ReleaseRendered rendered, List<GenericKubernetesResource> objects) {
        if (ReleaseRendered.FORMAT_MANIFESTS.equals(rendered.format())) {
            return false;
        }
        String namespace = rendered.release().namespace();
        return objects.stream().noneMatch(object -> "Namespace".equals(object.getKind())
                && namespace.equals(object.getMetadata().getName()));
    }

    private static void ensureNamespace(KubernetesClient client, String name) {
        if (client.namespaces().withName(name).get() != null) {
            return;
        }
        Namespace namespace = new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
        client.resource(namespace).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    static ObjectRef refOf(HasMetadata object) {
        return new ObjectRef(object.getApiVersion(), object.getKind(), object.getMetadata().getNamespace(),
                object.getMetadata().getName());
    }

    static String apiServerMessage(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isBlank()) {
            return e.getStatus().getMessage();
        }
        return e.getMessage();
    }
}
