package io.flotilla.registrysecrets.pullsecret;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Takes away what a {@code ClusterPullSecret} no longer on the cluster left behind: each copy Flotilla made of it
 * (named {@code <name>-registrycreds} and carrying both the label {@code app.kubernetes.io/managed-by:}
 * {@value PullSecretSync#MANAGED_BY} and the annotation {@value PullSecretSync#PULL_SECRET_ANNOTATION} naming it),
 * and that copy's entry in its namespace's {@code default} ServiceAccount. Nothing else goes: the account's other
 * entries stay in their order, and a Secret of that name Flotilla did not make stays, listed or not. The entry goes
 * before the copy, so that a namespace that refuses either keeps the copy, and with it the mark that has the next
 * sync try again.
 */
final class PullSecretRemoval {

    private static final Logger LOG = Logger.getLogger(PullSecretRemoval.class);

    private final String cluster;
    private final KubernetesClient client;

    PullSecretRemoval(String cluster, KubernetesClient client) {
        this.cluster = cluster;
        this.client = client;
    }

    /**
     * Removes the copies of every {@code ClusterPullSecret} not in {@code present}, with their entries; one message
     * per namespace that refused, the others going on.
     */
    List<String> removeLeftovers(Set<String> present, Iterable<Secret> secrets,
            Map<String, ServiceAccount> serviceAccounts) {
        List<String> errors = new ArrayList<>();
        for (Secret secret : secrets) {
            String removed = leftOf(secret, present);
            if (removed == null) {
                continue;
            }
            String namespace = secret.getMetadata().getNamespace();
            String name = secret.getMetadata().getName();
            try {
                unlist(namespace, name, serviceAccounts.get(namespace));
                client.secrets().inNamespace(namespace).withName(name).delete();
                LOG.infof("cluster %s: %s deleted from namespace %s, its ClusterPullSecret %s being gone", cluster,
                        name, namespace, removed);
            } catch (KubernetesClientException e) {
                errors.add("namespace " + namespace + ": " + name + " of the removed ClusterPullSecret " + removed
                        + " could not be removed (" + e.getCode() + " " + PullSecretSync.reason(e) + ")");
            }
        }
        return List.copyOf(errors);
    }

    /** The name of the removed {@code ClusterPullSecret} whose copy {@code secret} is, or null. */
    private static String leftOf(Secret secret, Set<String> present) {
        Map<String, String> labels = secret.getMetadata().getLabels();
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        if (labels == null || annotations == null
                || !PullSecretSync.MANAGED_BY.equals(labels.get("app.kubernetes.io/managed-by"))) {
            return null;
        }
        String pullSecret = annotations.get(PullSecretSync.PULL_SECRET_ANNOTATION);
        if (pullSecret == null || present.contains(pullSecret)
                || !secret.getMetadata().getName().equals(pullSecret + ClusterPullSecret.COPY_SUFFIX)) {
            return null;
        }
        return pullSecret;
    }

    private void unlist(String namespace, String secretName, ServiceAccount account) {
        if (account == null || !PullSecretSync.lists(account, secretName)) {
            return;
        }
        client.serviceAccounts().inNamespace(namespace).withName(account.getMetadata().getName()).edit(current -> {
            List<LocalObjectReference> kept = current.getImagePullSecrets() == null ? List.of()
                    : current.getImagePullSecrets().stream().filter(entry -> !secretName.equals(entry.getName()))
                            .toList();
            return new ServiceAccountBuilder(current).withImagePullSecrets(kept).build();
        });
        LOG.infof("cluster %s: %s taken out of ServiceAccount %s in namespace %s", cluster, secretName,
                account.getMetadata().getName(), namespace);
    }
}
