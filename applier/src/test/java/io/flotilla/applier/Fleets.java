package io.flotilla.applier;

import java.nio.file.Path;
import java.time.Instant;

import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.KubeconfigClusters;

/** Fleets as the applier keeps them, for tests that build its parts by hand. */
public final class Fleets {

    private Fleets() {
    }

    /** Every context of the kubeconfig a cluster, as a seed makes them; no credentials key needed. */
    public static Fleet of(Path kubeconfig) {
        Fleet fleet = new Fleet(null);
        fleet.seed(KubeconfigClusters.registrations(kubeconfig, Instant.now()));
        return fleet;
    }
}
