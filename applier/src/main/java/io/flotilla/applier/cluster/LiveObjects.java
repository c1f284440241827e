package io.flotilla.applier.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.flotilla.events.ObjectRef;

/** An object on the cluster, as an {@link ObjectRef} names it, to read or delete. */
public final class LiveObjects {

    private LiveObjects() {
    }

    public static Resource<GenericKubernetesResource> resource(KubernetesClient client, ObjectRef object) {
        var kind = client.genericKubernetesResources(object.apiVersion(), object.kind());
        return object.namespace() == null || object.namespace().isEmpty()
                ? kind.withName(object.name())
                : kind.inNamespace(object.namespace()).withName(object.name());
    }
}
