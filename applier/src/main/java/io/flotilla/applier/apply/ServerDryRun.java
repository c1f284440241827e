package io.flotilla.applier.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flotilla.applier.cluster.ApiServerMessage;
import io.flotilla.applier.cluster.ClusterUnreachableException;
import io.flotilla.applier.cluster.ServedKinds;
import io.flotilla.applier.cluster.UnservedKindException;
import io.flotilla.applier.hook.HelmHooks;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;

/**
 * A server-side dry run of a whole release ({@code dryRun=All}): the API server validates every object as
 * it would apply it and stores nothing, so a release it rejects is refused before anything changes. What
 * the release itself brings cannot be checked ahead: an object in a namespace the release creates, or a
 * custom resource whose definition the release carries; those are checked by the apply itself.
 * <p>
 * The dry run is not forced, so the API server names the fields another field manager owns with other values:
 * those conflicts are kept, to report them, and the object is tried again forced when conflicts may be taken
 * over; otherwise the conflict refuses the release. A hook deleted before it is created again has nothing to
 * conflict with, so it is always forced.
 * <p>
 * The answers also tell which objects are on the cluster already, at no extra request: the API server answers a
 * dry run that would create an object with no {@code resourceVersion}, as nothing was stored, and one that would
 * change an object with the stored object's.
 */
final class ServerDryRun {

    static final String NOT_FORCED = "not taken over, as flotilla.apply.force-conflicts is false";

    private final KubernetesClient client;
    private final ServedKinds kinds;
    private final ReleaseNamespace namespace;
    private final Set<String> createdNamespaces;
    private final Set<String> definedKinds;
    private final boolean forceConflicts;
    private final Set<String> provenNamespaces = new HashSet<>();
    private final Map<ObjectRef, FieldConflicts> conflicts = new HashMap<>();
    private final Set<ObjectRef> onCluster = new HashSet<>();

    ServerDryRun(KubernetesClient client, ServedKinds kinds, ReleaseNamespace namespace, Set<String> createdNamespaces,
            List<? extends HasMetadata> objects, boolean forceConflicts) {
        this.client = client;
        this.kinds = kinds;
        this.namespace = namespace;
        this.createdNamespaces = createdNamespaces;
        this.definedKinds = definedKinds(objects);
        this.forceConflicts = forceConflicts;
    }

    /**
     * The objects the API server refuses, each with its message; empty when the release may be applied.
     *
     * @throws KubernetesClientException when the cluster does not answer at all
     */
    List<ObjectResult> refusals(List<HasMetadata> objects) {
        List<ObjectResult> refused = new ArrayList<>();
        for (HasMetadata object : objects) {
            refusal(object).ifPresent(message -> refused.add(ObjectResult.failed(ReleaseApply.refOf(object), message)));
        }
        return refused;
    }

    /**
     * Whether the dry run showed that the namespace exists: the API server accepted an object in it, which it
     * does only in a namespace that exists. Asked after {@link #refusals}.
     */
    boolean exists(String namespace) {
        return provenNamespaces.contains(namespace);
    }

    /** Whether the dry run found the object on the cluster already; asked after {@link #refusals}. */
    boolean onCluster(ObjectRef object) {
        return onCluster.contains(object);
    }

    /** The fields of the object that other managers own, as the dry run found them; asked after {@link #refusals}. */
    Optional<FieldConflicts> conflicts(ObjectRef object) {
        return Optional.ofNullable(conflicts.get(object));
    }

    private Optional<String> refusal(HasMetadata object) {
        try {
            namespace.place(object, kinds.namespaced(object.getApiVersion(), object.getKind()));
        } catch (UnservedKindException e) {
            boolean defined = definedKinds.contains(ObjectRef.groupOf(object.getApiVersion()) + "/" + object.getKind());
            return defined ? Optional.empty() : Optional.of(e.getMessage());
        }
        boolean recreated = HelmHooks.isHook(object)
                && HelmHooks.deletePolicies(object).contains(HelmHooks.BEFORE_HOOK_CREATION);
        HasMetadata answer;
        try {
            answer = dryRun(object, recreated);
        } catch (KubernetesClientException e) {
            Optional<FieldConflicts> found = FieldConflicts.of(e);
            if (found.isEmpty()) {
                return refusal(object, e);
            }
            conflicts.put(ReleaseApply.refOf(object), found.get());
            if (!forceConflicts) {
                return Optional.of(found.get() + "; " + NOT_FORCED);
            }
            try {
                answer = dryRun(object, true);
            } catch (KubernetesClientException forced) {
                return refusal(object, forced);
            }
        }
        String resourceVersion = answer == null ? null : answer.getMetadata().getResourceVersion();
        if (resourceVersion != null && !resourceVersion.isEmpty()) {
            onCluster.add(ReleaseApply.refOf(object));
        }
        if (object.getMetadata().getNamespace() != null) {
            provenNamespaces.add(object.getMetadata().getNamespace());
        }
        return Optional.empty();
    }

    private HasMetadata dryRun(HasMetadata object, boolean force) {
        var request = client.resource(object).dryRun().fieldManager(ReleaseApply.FIELD_MANAGER);
        return force ? request.forceConflicts().serverSideApply() : request.serverSideApply();
    }

    private Optional<String> refusal(HasMetadata object, KubernetesClientException e) {
        if (ClusterUnreachableException.isConnectionFailure(e)) {
            throw e;
        }
        return inCreatedNamespace(object, e, createdNamespaces) ? Optional.empty() : Optional.of(ApiServerMessage.of(e));
    }

    /** Whether {@code e} refuses the object only because its namespace, one the release creates, is not there yet. */
    static boolean inCreatedNamespace(HasMetadata object, KubernetesClientException e, Set<String> createdNamespaces) {
        String objectNamespace = object.getMetadata().getNamespace();
        return e.getCode() == 404 && objectNamespace != null && createdNamespaces.contains(objectNamespace)
                && e.getStatus() != null && e.getStatus().getDetails() != null
                && "namespaces".equals(e.getStatus().getDetails().getKind())
                && objectNamespace.equals(e.getStatus().getDetails().getName());
    }

    private static Set<String> definedKinds(List<? extends HasMetadata> objects) {
        Set<String> defined = new HashSet<>();
        for (HasMetadata object : objects) {
            if ("CustomResourceDefinition".equals(object.getKind()) && object instanceof GenericKubernetesResource crd
                    && crd.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                    && spec.get("names") instanceof Map<?, ?> names) {
                defined.add(spec.get("group") + "/" + names.get("kind"));
            }
        }
        return defined;
    }
}
