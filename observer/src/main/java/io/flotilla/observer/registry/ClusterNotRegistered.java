package io.flotilla.observer.registry;

/** A change asked of a cluster the registry does not hold (never registered, or removed): the API answers 404. */
public class ClusterNotRegistered extends RuntimeException {

    public ClusterNotRegistered(String name) {
        super("no cluster named '" + name + "' is registered");
    }
}
