package io.flotilla.observer.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The API versions a cluster serves, read from its discovery endpoints as Helm reads them for
 * {@code .Capabilities.APIVersions}: every {@code group/version} ({@code v1} for the core group) and every
 * {@code group/version/Kind}, in order.
 */
final class ApiDiscovery {

    private static final Logger LOG = Logger.getLogger(ApiDiscovery.class);

    private ApiDiscovery() {
    }

    /** Fails when the cluster does not answer its group list; a group version that fails alone is kept without kinds, as Helm does. */
    static List<String> apiVersions(String cluster, KubernetesClient client) {
        List<String> groupVersions = new ArrayList<>(client.getAPIVersions().getVersions());
        client.getApiGroups().getGroups().forEach(group -> group.getVersions()
                .forEach(version -> groupVersions.add(version.getGroupVersion())));
        Set<String> served = new TreeSet<>();
        for (String groupVersion : groupVersions) {
            served.add(groupVersion);
            try {
                APIResourceList resources = client.getApiResources(groupVersion);
                if (resources != null) {
                    resources.getResources().forEach(resource -> served.add(groupVersion + "/" + resource.getKind()));
                }
            } catch (KubernetesClientException e) {
                // An aggregated API whose server is down (metrics.k8s.io, say) must not hide every other version.
                LOG.debugf(e, "cluster %s: the resources of %s cannot be listed", cluster, groupVersion);
            }
        }
        return List.copyOf(served);
    }
}
