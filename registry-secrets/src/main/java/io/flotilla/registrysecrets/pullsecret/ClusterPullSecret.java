package io.flotilla.registrysecrets.pullsecret;

import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * One registry-creds {@code ClusterPullSecret} as read from a cluster: its name and the seed Secret it points to
 * ({@code spec.secretRef}). Its copies are named {@code <name>-registrycreds}, the name charts already use.
 *
 * @param seedNamespace null when the object names none
 * @param seedName      null when the object names none
 */
public record ClusterPullSecret(String name, String seedNamespace, String seedName) {

    public static final String API_VERSION = "ops.alexellis.io/v1";
    public static final String KIND = "ClusterPullSecret";
    public static final String COPY_SUFFIX = "-registrycreds";

    /** Reads {@code spec.secretRef} of an object of kind {@value #KIND}. */
    public static ClusterPullSecret from(GenericKubernetesResource object) {
        Object spec = object.getAdditionalProperties().get("spec");
        Object secretRef = spec instanceof Map<?, ?> specMap ? specMap.get("secretRef") : null;
        String namespace = null;
        String name = null;
        if (secretRef instanceof Map<?, ?> ref) {
            namespace = text(ref.get("namespace"));
            name = text(ref.get("name"));
        }
        return new ClusterPullSecret(object.getMetadata().getName(), namespace, name);
    }

    /** The name of its copy in every namespace. */
    public String copyName() {
        return name + COPY_SUFFIX;
    }

    /** {@code namespace/name} of the seed, for messages. */
    public String seed() {
        return seedNamespace + "/" + seedName;
    }

    /**
     * This {@code ClusterPullSecret} as a pull secret of the cluster, its seed read from {@code objects}: unusable,
     * with the reason, when {@code spec.secretRef} names none, when it does not exist or is not
     * {@value PullSecretSync#DOCKER_CONFIG_JSON}.
     */
    public PullSecret resolve(ClusterObjects objects) {
        String title = "ClusterPullSecret " + name;
        Seed seed;
        if (!namesASeed()) {
            seed = Seed.unusable(null, Seed.NOT_NAMED,
                    title + ": spec.secretRef must name the seed Secret's name and namespace");
        } else {
            Secret secret = objects.secret(seedNamespace, seedName);
            if (secret == null) {
                seed = Seed.unusable(seed(), Seed.NOT_FOUND, title + ": its seed Secret " + seed()
                        + " does not exist; existing copies are left as they are");
            } else if (!PullSecretSync.DOCKER_CONFIG_JSON.equals(secret.getType())) {
                seed = Seed.unusable(seed(), Seed.NOT_DOCKER_CONFIG_JSON, title + ": its seed Secret " + seed()
                        + " is of type " + PullSecretSync.typeOf(secret) + ", not " + PullSecretSync.DOCKER_CONFIG_JSON
                        + "; existing copies are left as they are");
            } else {
                seed = Seed.usable(seed(), secret.getData());
            }
        }
        return new PullSecret(PullSecret.Origin.CLUSTER_PULL_SECRET, name, copyName(), seed);
    }

    /** Whether {@code spec.secretRef} names both the seed's namespace and name. */
    public boolean namesASeed() {
        return seedNamespace != null && seedName != null;
    }

    private static String text(Object value) {
        return value instanceof String text && !text.isBlank() ? text : null;
    }
}
