package io.flotilla.registrysecrets.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.flotilla.registrysecrets.pullsecret.ClusterObjects;
import io.flotilla.registrysecrets.pullsecret.CopyMarks;

/**
 * One cluster's objects as its informers last saw them: {@code ClusterPullSecret}s, Namespaces, Secrets (Flotilla's
 * copies indexed by their label) and ServiceAccounts. What a sync reads instead of listing the cluster, and what
 * still says where a rotation has got to when the cluster stops answering.
 */
final class InformerCaches implements ClusterObjects {

    private static final String MANAGED = "managed";

    private final SharedIndexInformer<GenericKubernetesResource> clusterPullSecrets;
    private final SharedIndexInformer<Namespace> namespaces;
    private final SharedIndexInformer<Secret> secrets;
    private final SharedIndexInformer<ServiceAccount> serviceAccounts;

    InformerCaches(SharedIndexInformer<GenericKubernetesResource> clusterPullSecrets,
            SharedIndexInformer<Namespace> namespaces, SharedIndexInformer<Secret> secrets,
            SharedIndexInformer<ServiceAccount> serviceAccounts) {
        this.clusterPullSecrets = clusterPullSecrets;
        this.namespaces = namespaces;
        this.secrets = secrets;
        this.serviceAccounts = serviceAccounts;
    }

    /** Indexes Flotilla's copies; before the informer starts. */
    static void indexCopies(SharedIndexInformer<Secret> secrets) {
        secrets.addIndexers(Map.of(MANAGED, secret -> secret.getMetadata().getLabels() != null
                && CopyMarks.MANAGED_BY.equals(secret.getMetadata().getLabels().get(CopyMarks.MANAGED_BY_LABEL))
                        ? List.of("true") : List.of()));
    }

    /** Waits until every informer has listed its objects once; fails when that takes longer than {@code seconds}. */
    static void awaitListed(List<CompletableFuture<Void>> started, long seconds) {
        try {
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("its objects could not be listed within " + seconds + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("its objects could not be listed: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing its objects", e);
        }
    }

    @Override
    public List<GenericKubernetesResource> clusterPullSecrets() {
        return clusterPullSecrets.getStore().list();
    }

    @Override
    public List<Namespace> namespaces() {
        return namespaces.getStore().list();
    }

    @Override
    public Secret secret(String namespace, String name) {
        return secrets.getStore().getByKey(namespace + "/" + name);
    }

    @Override
    public List<Secret> managedCopies() {
        return secrets.getIndexer().byIndex(MANAGED, "true");
    }

    @Override
    public ServiceAccount defaultServiceAccount(String namespace) {
        return serviceAccounts.getStore().getByKey(namespace + "/default");
    }
}
