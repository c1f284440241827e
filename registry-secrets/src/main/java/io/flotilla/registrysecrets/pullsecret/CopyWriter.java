package io.flotilla.registrysecrets.pullsecret;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Puts one pull secret in place in one namespace, as registry-creds does: the seed's copy (same type and data, with
 * Flotilla's {@link CopyMarks}), then its name appended to the {@code default} ServiceAccount's
 * {@code imagePullSecrets} after the entries already there. What the caches showed may be a moment old: a copy or an
 * account found already there is updated instead. A refusal by the API server is thrown as {@link Refused}, a
 * cluster that does not answer as the client's exception.
 */
final class CopyWriter {

    static final String DEFAULT_SERVICE_ACCOUNT = "default";

    private static final Logger LOG = Logger.getLogger(CopyWriter.class);

    /** The API server answered no to a write in one namespace: the others go on. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final String cluster;
    private final KubernetesClient client;

    CopyWriter(String cluster, KubernetesClient client) {
        this.cluster = cluster;
        this.client = client;
    }

    void copy(PullSecret pullSecret, String digest, String namespace, Secret existing) {
        Map<String, String> data = pullSecret.seed().data();
        Secret copy = new SecretBuilder()
                .withNewMetadata().withName(pullSecret.copyName()).withNamespace(namespace)
                .addToLabels(CopyMarks.MANAGED_BY_LABEL, CopyMarks.MANAGED_BY)
                .addToAnnotations(CopyMarks.annotations(pullSecret, digest))
                .endMetadata()
                .withType(PullSecretSync.DOCKER_CONFIG_JSON).withData(data).build();
        try {
            if (existing == null) {
                try {
                    client.secrets().inNamespace(namespace).resource(copy).create();
                    LOG.infof("cluster %s: %s created in namespace %s (seed %s)", cluster, pullSecret.copyName(),
                            namespace, digest);
                    return;
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) {
                        throw e;
                    }
                }
            } else if (!PullSecretSync.DOCKER_CONFIG_JSON.equals(existing.getType())) {
                // A Secret's type cannot change: the wrong one goes, the copy takes its place.
                client.secrets().inNamespace(namespace).withName(pullSecret.copyName()).delete();
                client.secrets().inNamespace(namespace).resource(copy).create();
                LOG.infof("cluster %s: %s in namespace %s was of type %s, replaced (seed %s)", cluster,
                        pullSecret.copyName(), namespace, existing.getType(), digest);
                return;
            }
            client.secrets().inNamespace(namespace).withName(pullSecret.copyName()).edit(current -> {
                SecretBuilder edited = new SecretBuilder(current).editMetadata()
                        .addToLabels(copy.getMetadata().getLabels())
                        .removeFromAnnotations(CopyMarks.PULL_SECRET_ANNOTATION)
                        .removeFromAnnotations(CopyMarks.FLEET_SEED_ANNOTATION)
                        .addToAnnotations(copy.getMetadata().getAnnotations()).endMetadata();
                return edited.withData(data).build();
            });
            LOG.infof("cluster %s: %s updated in namespace %s (seed %s, was %s)", cluster, pullSecret.copyName(),
                    namespace, digest, existing == null ? "written meanwhile" : CopyMarks.digest(existing));
        } catch (KubernetesClientException e) {
            // The API server's reason only: a refused write must not echo the data it carried.
            throw refusedOrNot(e, "namespace " + namespace + ": " + pullSecret.copyName() + " could not be written ("
                    + e.getCode() + " " + reason(e) + ")");
        }
    }

    /** Appends the copy to the {@code default} ServiceAccount, creating the account where none exists yet. */
    void list(PullSecret pullSecret, String namespace, ServiceAccount account) {
        String copyName = pullSecret.copyName();
        try {
            if (account == null) {
                try {
                    client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
                            .withNewMetadata().withName(DEFAULT_SERVICE_ACCOUNT).withNamespace(namespace).endMetadata()
                            .addNewImagePullSecret(copyName).build()).create();
                    LOG.infof("cluster %s: ServiceAccount default created in namespace %s with %s", cluster,
                            namespace, copyName);
                    return;
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) {
                        throw e;
                    }
                    // The cluster's own controller made it meanwhile: append as to any other.
                }
            }
            client.serviceAccounts().inNamespace(namespace).withName(DEFAULT_SERVICE_ACCOUNT).edit(current -> {
                if (lists(current, copyName)) {
                    return current;
                }
                return new ServiceAccountBuilder(current).addNewImagePullSecret(copyName).build();
            });
            LOG.infof("cluster %s: %s appended to ServiceAccount default in namespace %s", cluster, copyName,
                    namespace);
        } catch (KubernetesClientException e) {
            // A ServiceAccount holds no secret: the whole message says what refused it (an admission webhook...).
            throw refusedOrNot(e, "namespace " + namespace + ": ServiceAccount default could not list " + copyName
                    + " (" + e.getCode() + " " + reason(e) + message(e) + ")");
        }
    }

    /** Takes {@code copyName} out of the account's {@code imagePullSecrets}, the other entries kept in order. */
    void unlist(String namespace, String copyName, ServiceAccount account) {
        if (account == null || !lists(account, copyName)) {
            return;
        }
        client.serviceAccounts().inNamespace(namespace).withName(account.getMetadata().getName()).edit(current -> {
            List<LocalObjectReference> kept = current.getImagePullSecrets() == null ? List.of()
                    : current.getImagePullSecrets().stream().filter(entry -> !copyName.equals(entry.getName()))
                            .toList();
            return new ServiceAccountBuilder(current).withImagePullSecrets(kept).build();
        });
        LOG.infof("cluster %s: %s taken out of ServiceAccount %s in namespace %s", cluster, copyName,
                account.getMetadata().getName(), namespace);
    }

    static boolean lists(ServiceAccount account, String secretName) {
        List<LocalObjectReference> listed = account.getImagePullSecrets();
        return listed != null && listed.stream().anyMatch(entry -> secretName.equals(entry.getName()));
    }

    /** An answer of the API server is a refusal of this namespace's write; no answer is the cluster's failure. */
    static RuntimeException refusedOrNot(KubernetesClientException e, String message) {
        return answered(e) ? new Refused(message) : e;
    }

    static boolean answered(KubernetesClientException e) {
        return e.getCode() > 0;
    }

    static String reason(KubernetesClientException e) {
        return e.getStatus() != null ? Objects.toString(e.getStatus().getReason(), "refused") : "no answer";
    }

    private static String message(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? ": " + e.getStatus().getMessage() : "";
    }
}
