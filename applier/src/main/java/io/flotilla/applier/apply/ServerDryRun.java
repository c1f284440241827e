package io.flotilla.applier.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flotilla.applier.cluster.ClusterUnreachableException;
import io.flotilla.applier.cluster.ServedKinds;
import io.flotilla.applier.cluster.UnservedKindException;
import io.flotilla.events.ObjectResult;

/**
 * A server-side dry run of a whole release ({@code dryRun=All}): the API server validates every object as
 * it would apply it and stores nothing, so a release it rejects is refused before anything changes. What
 * the release itself brings cannot be checked ahead: an object in a namespace the release creates, or a
 * custom resource whose definition the release carries; those are checked by the apply itself.
 */
final class ServerDryRun {

    private final KubernetesClient client;
    private final ServedKinds kinds;
    private final ReleaseNamespace namespace;
    private final Set<String> createdNamespaces;
    private final Set<String> definedKinds;
    private final Set<String> provenNamespaces = new HashSet<>();

    ServerDryRun(KubernetesClient client, ServedKinds kinds, ReleaseNamespace namespace, Set<String> createdNamespaces,
            List<? extends HasMetadata> objects) {
        this.client = client;
        this.kinds = kinds;
        this.namespace = namespace;
        this.createdNamespaces = createdNamespaces;
        this.definedKinds = definedKinds(objects);
    }

    /**
     * The objects the API server refuses, each with its message; empty when the release may be applied.
     *
     * @throws KubernetesClientException when the cluster does not answer at all
     */
    List<ObjectResult> refusals(List<HasMetadata> objects) {
        List<ObjectResult> refused = new ArrayList<>();
        for (HasMetadata object : objects) {
            try {
                namespace.place(object, kinds.namespaced(object.getApiVersion(), object.getKind()));
                client.resource(object).dryRun().fieldManager(ReleaseApply.FIELD_MANAGER).forceConflicts()
                        .serverSideApply();
                if (object.getMetadata().getNamespace() != null) {
                    provenNamespaces.add(object.getMetadata().getNamespace());
                }
            } catch (UnservedKindException e) {
                if (!definedKinds.contains(groupOf(object.getApiVersion()) + "/" + object.getKind())) {
                    refused.add(ObjectResult.failed(ReleaseApply.refOf(object), e.getMessage()));
                }
            } catch (KubernetesClientException e) {
                if (ClusterUnreachableException.isConnectionFailure(e)) {
                    throw e;
                }
                if (!inCreatedNamespace(object, e)) {
                    refused.add(ObjectResult.failed(ReleaseApply.refOf(object), ReleaseApply.apiServerMessage(e)));
                }
            }
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

    private boolean inCreatedNamespace(HasMetadata object, KubernetesClientException e) {
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

    private static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
