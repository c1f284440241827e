package io.flotilla.applier.reconcile;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flotilla.applier.cluster.ClusterClients;
import io.flotilla.applier.cluster.ClusterUnreachableException;
import io.flotilla.applier.cluster.LiveObjects;
import io.flotilla.events.ObjectRef;

/** {@link LiveReads} with one GET per object, through the cluster's client; another refusal than 404 throws. */
@Singleton
public class ClusterLiveReads implements LiveReads {

    private final ClusterClients clusters;

    @Inject
    public ClusterLiveReads(ClusterClients clusters) {
        this.clusters = clusters;
    }

    @Override
    public List<ObjectRef> missing(String cluster, List<ObjectRef> objects) {
        KubernetesClient client = clusters.client(cluster);
        List<ObjectRef> missing = new ArrayList<>();
        for (ObjectRef object : objects) {
            try {
                if (LiveObjects.resource(client, object).get() == null) {
                    missing.add(object);
                }
            } catch (KubernetesClientException e) {
                if (ClusterUnreachableException.isConnectionFailure(e)) {
                    throw new ClusterUnreachableException(cluster, clusters.serverOf(cluster).orElse("?"), e);
                }
                // Not found, or its kind not served any more (a CRD gone with a wiped cluster): it is missing.
                if (e.getCode() != 404 && e.getCode() != 0) {
                    throw e;
                }
                missing.add(object);
            }
        }
        return missing;
    }
}
