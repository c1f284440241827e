package io.flotilla.applier.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.flotilla.applier.cluster.ApiServerMessage;
import io.flotilla.applier.cluster.ClusterUnreachableException;
import io.flotilla.applier.cluster.LiveObjects;
import io.flotilla.applier.order.ApplyOrder;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;

/**
 * Deletes objects a release no longer has, in reverse install order, as {@code helm upgrade} and
 * {@code helm uninstall} do. An object annotated {@code helm.sh/resource-policy: keep} on the cluster
 * stays; so does every CustomResourceDefinition, as Helm never deletes the CRDs it installed: deleting one
 * deletes every custom resource of its kind, in every namespace. One already gone counts as deleted.
 */
public final class ObjectDeletion {

    public static final String RESOURCE_POLICY = "helm.sh/resource-policy";
    public static final String KEEP = "keep";

    private ObjectDeletion() {
    }

    /**
     * One result per object: {@code deleted}, {@code kept}, or {@code failed} with the API server's message.
     *
     * @throws KubernetesClientException when the cluster does not answer at all
     */
    public static List<ObjectResult> delete(KubernetesClient client, List<ObjectRef> objects) {
        List<ObjectResult> results = new ArrayList<>();
        for (ObjectRef object : ApplyOrder.forDeletion(objects, ObjectRef::kind)) {
            results.add(deleteOne(client, object));
        }
        return results;
    }

    /** Why a result calls for a word to the user: a definition kept although the release no longer has it. */
    public static Optional<String> note(ObjectResult result) {
        if (result.action() == ObjectAction.KEPT && isDefinition(result.object())) {
            return Optional.of(result.object() + ": kept; CustomResourceDefinitions are never deleted, as with Helm, "
                    + "since that would delete every resource of their kind");
        }
        return Optional.empty();
    }

    private static ObjectResult deleteOne(KubernetesClient client, ObjectRef object) {
        if (isDefinition(object)) {
            return new ObjectResult(object, ObjectAction.KEPT, null);
        }
        try {
            Resource<GenericKubernetesResource> resource = LiveObjects.resource(client, object);
            GenericKubernetesResource live = resource.get();
            if (live == null) {
                return new ObjectResult(object, ObjectAction.DELETED, null);
            }
            Map<String, String> annotations = live.getMetadata().getAnnotations();
            if (annotations != null && KEEP.equals(annotations.get(RESOURCE_POLICY))) {
                return new ObjectResult(object, ObjectAction.KEPT, null);
            }
            resource.delete();
            return new ObjectResult(object, ObjectAction.DELETED, null);
        } catch (KubernetesClientException e) {
            if (ClusterUnreachableException.isConnectionFailure(e)) {
                throw e;
            }
            if (e.getCode() == 404) {
                return new ObjectResult(object, ObjectAction.DELETED, null);
            }
            return ObjectResult.failed(object, "cannot delete: " + ApiServerMessage.of(e));
        }
    }

    private static boolean isDefinition(ObjectRef object) {
        return "CustomResourceDefinition".equals(object.kind())
                && "apiextensions.k8s.io".equals(ObjectRef.groupOf(object.apiVersion()));
    }
}
