package io.flotilla.observer.registry;

/** A registration under a name the registry holds already: the API answers 409. */
public class ClusterAlreadyRegistered extends RuntimeException {

    public ClusterAlreadyRegistered(String name, String source) {
        super("cluster " + name + " is registered already (from " + source + "): remove it first, or relabel it");
    }
}
