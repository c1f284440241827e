package io.flotilla.observer.registry;

/**
 * A change through the API to a cluster that a cluster Secret defines: the Secret would undo it (at its next change, or
 * the observer's next start), so it is refused and the API answers 409, saying where to make the change instead.
 */
public class ClusterDefinedBySecret extends RuntimeException {

    public ClusterDefinedBySecret(String name, String change) {
        super("cluster " + name + " is defined by a Secret labelled flotilla.io/secret-type=cluster in Flotilla's"
                + " namespace: " + change + " that Secret instead");
    }
}
