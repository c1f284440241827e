package io.flotilla.registrysecrets.pullsecret;

import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;

/**
 * How a copy says Flotilla made it, and for which pull secret: the label {@code app.kubernetes.io/managed-by:}
 * {@value #MANAGED_BY}, the annotation {@value #PULL_SECRET_ANNOTATION} (a {@code ClusterPullSecret}) or
 * {@value #FLEET_SEED_ANNOTATION} (a fleet seed) naming it, and {@value #SEED_DIGEST_ANNOTATION} with the digest of
 * the data it carries. Only a copy with these marks is ever removed.
 */
public final class CopyMarks {

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "flotilla-registry-secrets";
    public static final String PULL_SECRET_ANNOTATION = "flotilla.io/pull-secret";
    public static final String FLEET_SEED_ANNOTATION = "flotilla.io/fleet-seed";
    public static final String SEED_DIGEST_ANNOTATION = "flotilla.io/seed-digest";

    /** Which pull secret a marked copy belongs to. */
    public record Owner(PullSecret.Origin origin, String name, String copyName) {
    }

    private CopyMarks() {
    }

    /** The annotations a copy of {@code pullSecret} carrying {@code digest} has. */
    static Map<String, String> annotations(PullSecret pullSecret, String digest) {
        Map<String, String> annotations = new HashMap<>();
        annotations.put(pullSecret.origin() == PullSecret.Origin.CLUSTER_PULL_SECRET ? PULL_SECRET_ANNOTATION
                : FLEET_SEED_ANNOTATION, pullSecret.name());
        annotations.put(SEED_DIGEST_ANNOTATION, digest);
        return annotations;
    }

    /** The pull secret {@code secret} is Flotilla's copy of; null when it carries no marks. */
    static Owner owner(Secret secret) {
        Map<String, String> labels = secret.getMetadata().getLabels();
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        if (labels == null || annotations == null || !MANAGED_BY.equals(labels.get(MANAGED_BY_LABEL))) {
            return null;
        }
        String name = secret.getMetadata().getName();
        if (annotations.containsKey(PULL_SECRET_ANNOTATION)) {
            return new Owner(PullSecret.Origin.CLUSTER_PULL_SECRET, annotations.get(PULL_SECRET_ANNOTATION), name);
        }
        if (annotations.containsKey(FLEET_SEED_ANNOTATION)) {
            return new Owner(PullSecret.Origin.FLEET_SEED, annotations.get(FLEET_SEED_ANNOTATION), name);
        }
        return null;
    }

    static Owner owner(PullSecret pullSecret) {
        return new Owner(pullSecret.origin(), pullSecret.name(), pullSecret.copyName());
    }

    static String digest(Secret secret) {
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(SEED_DIGEST_ANNOTATION);
    }
}
