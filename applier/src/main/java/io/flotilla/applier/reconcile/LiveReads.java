package io.flotilla.applier.reconcile;

import java.util.List;

import io.flotilla.events.ObjectRef;

/**
 * Reads a release's objects on its cluster, to find out on a reconcile whether they are still there. Reads only:
 * a reconcile that finds everything in place writes nothing.
 */
public interface LiveReads {

    /**
     * The objects of {@code objects} that the cluster does not have.
     *
     * @throws io.flotilla.applier.cluster.ClusterUnreachableException when the cluster does not answer
     */
    List<ObjectRef> missing(String cluster, List<ObjectRef> objects);
}
