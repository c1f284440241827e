package io.flotilla.testing.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.flotilla.embedded.clusters.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Simulated clusters for a Quarkus test, registered in a kubeconfig in a temp file: sets
 * {@code flotilla.clusters.kubeconfig}. They start with the application and stop with it. A subclass names the
 * clusters, and is told when they have started (to fill them, and keep them where its tests find them) and when
 * they have stopped.
 */
public abstract class FleetTestResource implements QuarkusTestResourceLifecycleManager {

    private SimulatedFleet fleet;
    private Path kubeconfig;

    /** The clusters to start, by name, with their labels, in the order of the kubeconfig's contexts. */
    protected abstract Map<String, Map<String, String>> clusters();

    /** The clusters answer; the application has not started yet. */
    protected abstract void started(SimulatedFleet fleet);

    /** The clusters are closed; the application has stopped. */
    protected abstract void stopped();

    @Override
    public Map<String, String> start() {
        SimulatedFleet running = SimulatedFleet.start(clusters());
        try {
            kubeconfig = Files.createTempFile("flotilla-kubeconfig-", ".yaml");
        } catch (IOException e) {
            running.close();
            throw new UncheckedIOException("cannot create a kubeconfig file", e);
        }
        running.writeKubeconfig(kubeconfig);
        fleet = running;
        started(running);
        return Map.of("flotilla.clusters.kubeconfig", kubeconfig.toString());
    }

    @Override
    public void stop() {
        stopped();
        if (fleet != null) {
            fleet.close();
            fleet = null;
        }
        if (kubeconfig != null) {
            kubeconfig.toFile().delete();
        }
    }
}
