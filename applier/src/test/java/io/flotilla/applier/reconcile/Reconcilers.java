package io.flotilla.applier.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.flotilla.applier.Fleets;
import io.flotilla.applier.cluster.ClientSettings;
import io.flotilla.applier.cluster.ClusterClients;
import io.flotilla.applier.helm.HelmReleaseStorage;
import io.flotilla.testing.fixtures.TestSecretKeys;

/**
 * A {@link ReleaseReconciler} on a scripted cluster and a history in memory. Its kubeconfig names no cluster, so
 * Helm's records are not written: the tests use releases of plain manifests, which have none.
 */
final class Reconcilers {

    /** The fleet's defaults: reconciled every 5 minutes, retried after 10 seconds at first, drift reported. */
    static final ReconcilePolicy POLICY = new ReconcilePolicy(Duration.ofMinutes(5), Duration.ofSeconds(10), "warn");

    private Reconcilers() {
    }

    static ReleaseReconciler on(ScriptedCluster cluster, RememberedHistory history, Path dir) {
        return on(cluster, history, dir, POLICY);
    }

    static ReleaseReconciler on(ScriptedCluster cluster, RememberedHistory history, Path dir, ReconcilePolicy policy) {
        Path kubeconfig = dir.resolve("kubeconfig");
        try {
            Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClusterClients nowhere = new ClusterClients(Fleets.of(kubeconfig), null,
                new ClientSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 1000));
        return new ReleaseReconciler(cluster, history, new HelmReleaseStorage(nowhere, TestSecretKeys.RING), cluster,
                policy, () -> { });
    }
}
