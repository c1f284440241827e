package io.flotilla.applier.cluster;

import java.nio.file.Path;
import java.util.List;

/** A release names a cluster that the fleet's kubeconfig has no context for. */
public class UnknownClusterException extends RuntimeException {

    public UnknownClusterException(String cluster, Path kubeconfig, List<String> registered) {
        super("cluster '" + cluster + "' is not in the cluster registry " + kubeconfig
                + " (registered: " + (registered.isEmpty() ? "none" : String.join(", ", registered))
                + "); add a context named '" + cluster + "' to it");
    }
}
