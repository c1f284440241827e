package io.flotilla.applier.cluster;

/** An object of a kind the cluster does not serve, typically a custom resource without its CRD. */
public class UnservedKindException extends RuntimeException {

    public UnservedKindException(String cluster, String apiVersion, String kind) {
        super("cluster '" + cluster + "' serves no kind " + kind + " in " + apiVersion
                + "; apply its CustomResourceDefinition first, or check the apiVersion");
    }
}
