package io.flotilla.applier.cluster;

import java.util.List;

/**
 * A release names a cluster the fleet does not have: not registered yet (a rendering may come before the
 * registration), or removed. No client can be built, so the cluster is as good as unreachable: its releases wait,
 * and go on once it joins.
 */
public class UnknownClusterException extends ClusterUnreachableException {

    public UnknownClusterException(String cluster, List<String> registered) {
        super("cluster '" + cluster + "' is not registered in the fleet (registered: "
                + (registered.isEmpty() ? "none" : String.join(", ", registered))
                + "); its releases wait until it joins (flotilla cluster add " + cluster + " --kubeconfig FILE)");
    }
}
