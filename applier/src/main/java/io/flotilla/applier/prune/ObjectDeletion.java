package io.flotilla.applier.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.flotilla.applier.cluster.ApiServerMessage;
import io.flotilla.applier.cluster.ClusterUnreachableException;
import io.flotilla.applier.cluster.LiveObjects;
import io.flotilla.applier.order.ApplyOrder;
import io.flotilla.applier.ownership.Owner;
import io.flotilla.applier.ownership.OwnershipMarks;
import io.flotilla.applier.ownership.PruneGuard;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.ReleaseKey;

/**
 * Deletes objects a release no longer has, in reverse install order, as {@code helm upgrade} and
 * {@code helm uninstall} do. Each object is read first, and stays when it is annotated
 * {@code helm.sh/resource-policy: keep}, or annotated or labelled {@code kustomize.toolkit.fluxcd.io/prune: disabled}
 * as Flux honours it, or when it is not the release's own to delete ({@link PruneGuard}: adopted,
 * owned by another release, or unmarked); so does every CustomResourceDefinition, as Helm never deletes the CRDs it
 * installed: deleting one deletes every custom resource of its kind, in every namespace. One already gone counts as
 * deleted. An object the release keeps although it was marked as the release's loses the marks
 * ({@link OwnershipMarks#disowning}): no release has it any more.
 */
public final class ObjectDeletion {

    public static final String RESOURCE_POLICY = "helm.sh/resource-policy";
    public static final String KEEP = "keep";
    /** Flux's mark of an object its Kustomization must never delete, as an annotation or a label. */
    public static final String FLUX_PRUNE = "kustomize.toolkit.fluxcd.io/prune";
    public static final String DISABLED = "disabled";

    private static final PatchContext DISOWNING = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
            .withFieldManager(OwnershipMarks.FLOTILLA).build();

    /**
     * One result per object ({@code deleted}, {@code kept}, or {@code failed} with the API server's message), and
     * what the user should read about those kept for a reason of Flotilla's own.
     */
    public record Deletions(List<ObjectResult> results, List<String> notes) {

        public Deletions {
            results = List.copyOf(results);
            notes = List.copyOf(notes);
        }
    }

    private ObjectDeletion() {
    }

    /** @throws KubernetesClientException when the cluster does not answer at all */
    public static Deletions delete(KubernetesClient client, ReleaseKey release, List<ObjectRef> objects) {
        List<ObjectResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (ObjectRef object : ApplyOrder.forDeletion(objects, ObjectRef::kind)) {
            results.add(deleteOne(client, release, object, notes));
        }
        return new Deletions(results, notes);
    }

    private static ObjectResult deleteOne(KubernetesClient client, ReleaseKey release, ObjectRef object,
            List<String> notes) {
        if (isDefinition(object)) {
            notes.add(object + ": kept; CustomResourceDefinitions are never deleted, as with Helm, since that would "
                    + "delete every resource of their kind");
            return new ObjectResult(object, ObjectAction.KEPT, null);
        }
        try {
            Resource<GenericKubernetesResource> resource = LiveObjects.resource(client, object);
            GenericKubernetesResource live = resource.get();
            if (live == null) {
                return new ObjectResult(object, ObjectAction.DELETED, null);
            }
            Map<String, String> annotations = live.getMetadata().getAnnotations();
            Map<String, String> labels = live.getMetadata().getLabels();
            boolean keepPolicy = annotations != null && KEEP.equals(annotations.get(RESOURCE_POLICY))
                    || annotations != null && DISABLED.equals(annotations.get(FLUX_PRUNE))
                    || labels != null && DISABLED.equals(labels.get(FLUX_PRUNE));
            Optional<String> reason = keepPolicy ? Optional.empty() : PruneGuard.keepReason(release, live.getMetadata());
            if (keepPolicy || reason.isPresent()) {
                reason.ifPresent(why -> notes.add(object + ": " + why));
                return Owner.of(live.getMetadata()).is(release) ? disown(resource, object, live)
                        : new ObjectResult(object, ObjectAction.KEPT, null);
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

    private static ObjectResult disown(Resource<GenericKubernetesResource> resource, ObjectRef object,
            GenericKubernetesResource live) {
        try {
            resource.patch(DISOWNING, OwnershipMarks.disowning(live.getMetadata()));
            return new ObjectResult(object, ObjectAction.KEPT, null);
        } catch (KubernetesClientException e) {
            if (ClusterUnreachableException.isConnectionFailure(e) || e.getCode() == 404) {
                throw e;
            }
            return ObjectResult.failed(object, "kept, but cannot remove its " + OwnershipMarks.RELEASE + " mark: "
                    + ApiServerMessage.of(e));
        }
    }

    private static boolean isDefinition(ObjectRef object) {
        return "CustomResourceDefinition".equals(object.kind())
                && "apiextensions.k8s.io".equals(ObjectRef.groupOf(object.apiVersion()));
    }
}
