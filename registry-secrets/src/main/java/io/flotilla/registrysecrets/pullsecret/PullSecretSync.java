package io.flotilla.registrysecrets.pullsecret;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Brings one cluster to what its {@code ClusterPullSecret}s ask, as registry-creds does: the seed's copy in every
 * namespace (same type and data, named {@code <name>-registrycreds}), listed in the {@code default} ServiceAccount's
 * {@code imagePullSecrets} after the entries already there. A namespace opted out ({@link OptOut}), excluded by
 * configuration or terminating is left alone; what a {@code ClusterPullSecret} removed from the cluster left goes
 * ({@link PullSecretRemoval}); a seed that is missing or not {@value #DOCKER_CONFIG_JSON} is reported and its
 * copies are left as they are; a namespace that refuses a write is reported and the others go on. A sync that finds everything in place
 * writes nothing, so it may run as often as anything changes. Secret data is never logged nor returned: digests only.
 */
public final class PullSecretSync {

    public static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";
    public static final String PULL_SECRET_ANNOTATION = "flotilla.io/pull-secret";
    public static final String SEED_DIGEST_ANNOTATION = "flotilla.io/seed-digest";
    public static final String MANAGED_BY = "flotilla-registry-secrets";

    private static final Logger LOG = Logger.getLogger(PullSecretSync.class);
    private static final String DEFAULT_SERVICE_ACCOUNT = "default";

    private final String cluster;
    private final KubernetesClient client;
    private final Clock clock;
    private final Set<String> excludedNamespaces;
    private final PullSecretRemoval removal;

    /** @param excludedNamespaces namespaces that get no copy, whatever their annotations */
    public PullSecretSync(String cluster, KubernetesClient client, Clock clock, Set<String> excludedNamespaces) {
        this.cluster = cluster;
        this.client = client;
        this.clock = clock;
        this.excludedNamespaces = Set.copyOf(excludedNamespaces);
        this.removal = new PullSecretRemoval(cluster, client);
    }

    /**
     * Syncs every {@code ClusterPullSecret} of the cluster into every namespace and removes the copies of those gone;
     * fails only when the cluster does.
     */
    public ClusterCoverage sync() {
        List<ClusterPullSecret> pullSecrets = client.genericKubernetesResources(ClusterPullSecret.API_VERSION,
                ClusterPullSecret.KIND).list().getItems().stream().map(ClusterPullSecret::from)
                .sorted(Comparator.comparing(ClusterPullSecret::name)).toList();
        List<Namespace> namespaces = client.namespaces().list().getItems();
        Map<String, Secret> secrets = new HashMap<>();
        for (Secret secret : client.secrets().inAnyNamespace().list().getItems()) {
            secrets.put(key(secret.getMetadata().getNamespace(), secret.getMetadata().getName()), secret);
        }
        Map<String, ServiceAccount> serviceAccounts = new HashMap<>();
        for (ServiceAccount account : client.serviceAccounts().inAnyNamespace().list().getItems()) {
            if (DEFAULT_SERVICE_ACCOUNT.equals(account.getMetadata().getName())) {
                serviceAccounts.put(account.getMetadata().getNamespace(), account);
            }
        }
        List<PullSecretCoverage> coverage = new ArrayList<>();
        for (ClusterPullSecret pullSecret : pullSecrets) {
            coverage.add(sync(pullSecret, namespaces, secrets, serviceAccounts));
        }
        Set<String> present = pullSecrets.stream().map(ClusterPullSecret::name).collect(Collectors.toSet());
        List<String> removalErrors = removal.removeLeftovers(present, secrets.values(), serviceAccounts);
        return new ClusterCoverage(cluster, clock.instant(), coverage, removalErrors, null);
    }

    private PullSecretCoverage sync(ClusterPullSecret pullSecret, List<Namespace> namespaces,
            Map<String, Secret> secrets, Map<String, ServiceAccount> serviceAccounts) {
        List<String> errors = new ArrayList<>();
        List<String> optedOut = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        Secret seed = usableSeed(pullSecret, secrets, errors);
        String seedDigest = seed == null ? null : SeedDigest.of(seed.getData());
        int total = 0;
        int covered = 0;
        for (Namespace namespace : namespaces) {
            String name = namespace.getMetadata().getName();
            if (excludedNamespaces.contains(name)) {
                excluded.add(name);
                continue;
            }
            if (OptOut.optedOut(namespace)) {
                optedOut.add(name);
                continue;
            }
            if (terminating(namespace)) {
                continue;
            }
            total++;
            if (seed == null) {
                continue;
            }
            try {
                copy(pullSecret, seed, seedDigest, name, secrets.get(key(name, pullSecret.copyName())));
                list(pullSecret, name, serviceAccounts.get(name));
                covered++;
            } catch (KubernetesClientException e) {
                errors.add("namespace " + name + ": " + pullSecret.copyName() + " could not be written ("
                        + e.getCode() + " " + reason(e) + ")");
            }
        }
        return new PullSecretCoverage(pullSecret.name(), pullSecret.namesASeed() ? pullSecret.seed() : null,
                seedDigest, covered, total, List.copyOf(optedOut), List.copyOf(excluded), List.copyOf(errors));
    }

    private Secret usableSeed(ClusterPullSecret pullSecret, Map<String, Secret> secrets, List<String> errors) {
        if (!pullSecret.namesASeed()) {
            errors.add("ClusterPullSecret " + pullSecret.name()
                    + ": spec.secretRef must name the seed Secret's name and namespace");
            return null;
        }
        Secret seed = secrets.get(key(pullSecret.seedNamespace(), pullSecret.seedName()));
        if (seed == null) {
            errors.add("ClusterPullSecret " + pullSecret.name() + ": its seed Secret " + pullSecret.seed()
                    + " does not exist; existing copies are left as they are");
            return null;
        }
        if (!DOCKER_CONFIG_JSON.equals(seed.getType())) {
            errors.add("ClusterPullSecret " + pullSecret.name() + ": its seed Secret " + pullSecret.seed()
                    + " is of type " + typeOf(seed) + ", not " + DOCKER_CONFIG_JSON
                    + "; existing copies are left as they are");
            return null;
        }
        return seed;
    }

    private void copy(ClusterPullSecret pullSecret, Secret seed, String seedDigest, String namespace, Secret existing) {
        if (existing != null && DOCKER_CONFIG_JSON.equals(existing.getType())
                && seedDigest.equals(SeedDigest.of(existing.getData()))
                && seedDigest.equals(annotation(existing, SEED_DIGEST_ANNOTATION))) {
            return;
        }
        Secret copy = new SecretBuilder()
                .withNewMetadata().withName(pullSecret.copyName()).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", MANAGED_BY)
                .addToAnnotations(PULL_SECRET_ANNOTATION, pullSecret.name())
                .addToAnnotations(SEED_DIGEST_ANNOTATION, seedDigest)
                .endMetadata()
                .withType(DOCKER_CONFIG_JSON).withData(seed.getData()).build();
        if (existing == null) {
            client.secrets().inNamespace(namespace).resource(copy).create();
            LOG.infof("cluster %s: %s created in namespace %s (seed %s)", cluster, pullSecret.copyName(), namespace,
                    seedDigest);
        } else if (!DOCKER_CONFIG_JSON.equals(existing.getType())) {
            // A Secret's type cannot change: the wrong one goes, the copy takes its place.
            client.secrets().inNamespace(namespace).withName(pullSecret.copyName()).delete();
            client.secrets().inNamespace(namespace).resource(copy).create();
            LOG.infof("cluster %s: %s in namespace %s was of type %s, replaced (seed %s)", cluster,
                    pullSecret.copyName(), namespace, existing.getType(), seedDigest);
        } else {
            client.secrets().inNamespace(namespace).withName(pullSecret.copyName()).edit(current -> new SecretBuilder(
                    current).editMetadata().addToLabels(copy.getMetadata().getLabels())
                    .addToAnnotations(copy.getMetadata().getAnnotations()).endMetadata()
                    .withData(seed.getData()).build());
            LOG.infof("cluster %s: %s updated in namespace %s (seed %s, was %s)", cluster, pullSecret.copyName(),
                    namespace, seedDigest, annotation(existing, SEED_DIGEST_ANNOTATION));
        }
    }

    /** Appends the copy to the {@code default} ServiceAccount, creating the account where none exists yet. */
    private void list(ClusterPullSecret pullSecret, String namespace, ServiceAccount account) {
        if (account != null && lists(account, pullSecret.copyName())) {
            return;
        }
        if (account == null) {
            try {
                client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
                        .withNewMetadata().withName(DEFAULT_SERVICE_ACCOUNT).withNamespace(namespace).endMetadata()
                        .addNewImagePullSecret(pullSecret.copyName()).build()).create();
                LOG.infof("cluster %s: ServiceAccount default created in namespace %s with %s", cluster, namespace,
                        pullSecret.copyName());
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // The cluster's own controller made it meanwhile: append as to any other.
            }
        }
        client.serviceAccounts().inNamespace(namespace).withName(DEFAULT_SERVICE_ACCOUNT).edit(current -> {
            if (lists(current, pullSecret.copyName())) {
                return current;
            }
            return new ServiceAccountBuilder(current).addNewImagePullSecret(pullSecret.copyName()).build();
        });
        LOG.infof("cluster %s: %s appended to ServiceAccount default in namespace %s", cluster, pullSecret.copyName(),
                namespace);
    }

    static boolean lists(ServiceAccount account, String secretName) {
        List<LocalObjectReference> listed = account.getImagePullSecrets();
        return listed != null && listed.stream().anyMatch(entry -> secretName.equals(entry.getName()));
    }

    /** A Secret written without a type is {@code Opaque}, as the API server would default it. */
    private static String typeOf(Secret secret) {
        return secret.getType() == null || secret.getType().isEmpty() ? "Opaque" : secret.getType();
    }

    private static boolean terminating(Namespace namespace) {
        return namespace.getMetadata().getDeletionTimestamp() != null
                || (namespace.getStatus() != null && "Terminating".equals(namespace.getStatus().getPhase()));
    }

    private static String annotation(Secret secret, String name) {
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(name);
    }

    /** The API server's reason, never the request: a refused write must not echo the data it carried. */
    static String reason(KubernetesClientException e) {
        return e.getStatus() != null ? Objects.toString(e.getStatus().getReason(), "refused") : "no answer";
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    /** Whether {@code secret} is a {@code ClusterPullSecret}'s seed or copy, so that a change to it calls for a sync. */
    public static boolean concerns(Secret secret, List<GenericKubernetesResource> pullSecrets) {
        String namespace = secret.getMetadata().getNamespace();
        String name = secret.getMetadata().getName();
        for (GenericKubernetesResource object : pullSecrets) {
            ClusterPullSecret pullSecret = ClusterPullSecret.from(object);
            if (name.equals(pullSecret.copyName())
                    || (namespace.equals(pullSecret.seedNamespace()) && name.equals(pullSecret.seedName()))) {
                return true;
            }
        }
        return false;
    }
}
