package io.flotilla.applier.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Whether a kind is namespaced, as the cluster serves it. Built-in kinds are known to the client;
 * custom kinds are asked of the API server, and asked again while they are missing, because the
 * CustomResourceDefinition that brings them may be applied moments before, in the same release.
 */
public class ServedKinds {

    private final String cluster;
    private final KubernetesClient client;
    private final Map<String, Boolean> namespacedByKind = new HashMap<>();

    public ServedKinds(String cluster, KubernetesClient client) {
        this.cluster = cluster;
        this.client = client;
    }

    /** @throws UnservedKindException when the cluster has no such kind in that API version */
    public boolean namespaced(String apiVersion, String kind) {
        Class<? extends KubernetesResource> builtIn = client.getKubernetesSerialization()
                .getRegisteredKubernetesResource(apiVersion, kind);
        if (builtIn != null) {
            return Namespaced.class.isAssignableFrom(builtIn);
        }
        String key = apiVersion + "/" + kind;
        Boolean known = namespacedByKind.get(key);
        if (known != null) {
            return known;
        }
        boolean namespaced = discover(apiVersion, kind)
                .orElseThrow(() -> new UnservedKindException(cluster, apiVersion, kind));
        namespacedByKind.put(key, namespaced);
        return namespaced;
    }

    private Optional<Boolean> discover(String apiVersion, String kind) {
        APIResourceList resources = client.getApiResources(apiVersion);
        if (resources == null || resources.getResources() == null) {
            return Optional.empty();
        }
        return resources.getResources().stream()
                .filter(resource -> kind.equals(resource.getKind()) && !resource.getName().contains("/"))
                .findFirst()
                .map(APIResource::getNamespaced)
                .map(Boolean.TRUE::equals);
    }
}
