package io.flotilla.observer.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.clusters.RegisteredCluster;

/**
 * What the kubeconfig given at start ({@code flotilla.clusters.kubeconfig}) adds to the registry: each context the
 * registry has no row of, whatever became of that row (a removed cluster keeps its row, so a kubeconfig never brings
 * it back). A cluster registered from this kubeconfig before and still registered takes the file's server and
 * credentials when they changed (a stack started again on new ports, a rotated token); its labels and registration
 * time stay the registry's, which the API may have changed since.
 */
final class KubeconfigSeed {

    /**
     * A row of the registry.
     *
     * @param cluster the cluster as registered, credentials unsealed
     * @param live    whether it is registered now (not removed)
     */
    record Row(RegisteredCluster cluster, boolean live) {
    }

    private KubeconfigSeed() {
    }

    /** The registrations to store: new clusters, and kubeconfig clusters whose server or credentials changed. */
    static List<RegisteredCluster> plan(Map<String, Row> registry, List<RegisteredCluster> contexts) {
        List<RegisteredCluster> stored = new ArrayList<>();
        for (RegisteredCluster context : contexts) {
            Row row = registry.get(context.name());
            if (row == null) {
                stored.add(context);
            } else if (row.live() && KubeconfigClusters.SOURCE.equals(row.cluster().source())
                    && (!Objects.equals(row.cluster().server(), context.server())
                            || !Objects.equals(row.cluster().kubeconfig(), context.kubeconfig()))) {
                RegisteredCluster known = row.cluster();
                stored.add(new RegisteredCluster(known.name(), known.labels(), context.server(), known.source(),
                        known.registeredAt(), context.kubeconfig()));
            }
        }
        return stored;
    }
}
