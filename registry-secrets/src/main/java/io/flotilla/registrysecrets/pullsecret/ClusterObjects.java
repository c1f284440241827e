package io.flotilla.registrysecrets.pullsecret;

import java.util.List;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;

/**
 * A cluster's objects as last seen (its informers' caches): what a sync reads, so that it lists nothing and still
 * knows, when the cluster stops answering, which copies carry which digest.
 */
public interface ClusterObjects {

    List<GenericKubernetesResource> clusterPullSecrets();

    List<Namespace> namespaces();

    /** null when there is none. */
    Secret secret(String namespace, String name);

    /** Every Secret carrying Flotilla's {@code managed-by} label. */
    List<Secret> managedCopies();

    /** The namespace's {@code default} ServiceAccount; null when there is none. */
    ServiceAccount defaultServiceAccount(String namespace);
}
