package io.flotilla.registrysecrets.pullsecret;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Takes away what a pull secret no longer meant for the cluster left behind (a {@code ClusterPullSecret} deleted, a
 * fleet seed removed or whose selector no longer matches the cluster, a fleet seed's copy renamed): each copy
 * carrying Flotilla's {@link CopyMarks} for it, and that copy's entry in its namespace's {@code default}
 * ServiceAccount. Nothing else goes: the account's other entries stay in their order, and a Secret of that name
 * Flotilla did not make stays, listed or not. The entry goes before the copy, so that a namespace that refuses
 * either keeps the copy, and with it the mark that has the next sync try again.
 */
final class PullSecretRemoval {

    private static final Logger LOG = Logger.getLogger(PullSecretRemoval.class);

    private final String cluster;
    private final KubernetesClient client;
    private final CopyWriter writer;

    PullSecretRemoval(String cluster, KubernetesClient client, CopyWriter writer) {
        this.cluster = cluster;
        this.client = client;
        this.writer = writer;
    }

    /**
     * Removes the marked copies whose pull secret is not in {@code wanted}, with their entries; one message per
     * namespace that refused, the others going on.
     *
     * @param fleetSeedsKnown false while the fleet's seeds are not all known yet (the cluster Flotilla runs in not
     *                        listed yet): a fleet seed's copies are then left, as their seed may well still exist
     */
    List<String> removeLeftovers(Set<CopyMarks.Owner> wanted, ClusterObjects objects, boolean fleetSeedsKnown) {
        List<String> errors = new ArrayList<>();
        for (Secret secret : objects.managedCopies()) {
            CopyMarks.Owner owner = CopyMarks.owner(secret);
            if (owner == null || wanted.contains(owner) || !removable(owner, fleetSeedsKnown)) {
                continue;
            }
            String namespace = secret.getMetadata().getNamespace();
            String name = secret.getMetadata().getName();
            String title = (owner.origin() == PullSecret.Origin.CLUSTER_PULL_SECRET ? "ClusterPullSecret "
                    : "fleet seed ") + owner.name();
            try {
                writer.unlist(namespace, name, objects.defaultServiceAccount(namespace));
                client.secrets().inNamespace(namespace).withName(name).delete();
                LOG.infof("cluster %s: %s deleted from namespace %s, the %s no longer being for this cluster",
                        cluster, name, namespace, title);
            } catch (KubernetesClientException e) {
                if (!CopyWriter.answered(e)) {
                    throw e;
                }
                errors.add("namespace " + namespace + ": " + name + " of the removed " + title
                        + " could not be removed (" + e.getCode() + " " + CopyWriter.reason(e) + ")");
            }
        }
        return List.copyOf(errors);
    }

    /** A ClusterPullSecret's copies are those named after it; a fleet seed's go once every seed is known. */
    private static boolean removable(CopyMarks.Owner owner, boolean fleetSeedsKnown) {
        if (owner.origin() == PullSecret.Origin.CLUSTER_PULL_SECRET) {
            return owner.copyName().equals(owner.name() + ClusterPullSecret.COPY_SUFFIX);
        }
        return fleetSeedsKnown;
    }
}
