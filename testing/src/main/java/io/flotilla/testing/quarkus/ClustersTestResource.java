package io.flotilla.testing.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.flotilla.testing.clusters.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Two simulated clusters for a Quarkus test, {@code dev} {env=dev} and {@code prod} {env=prod}, registered in a
 * kubeconfig in a temp file: sets {@code flotilla.clusters.kubeconfig}. They start empty with the application and
 * stop with it; {@link #fleet()} gives the test the running fleet to look into.
 */
public class ClustersTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile SimulatedFleet fleet;
    private Path kubeconfig;

    @Override
    public Map<String, String> start() {
        Map<String, Map<String, String>> clusters = new LinkedHashMap<>();
        clusters.put("dev", Map.of("env", "dev"));
        clusters.put("prod", Map.of("env", "prod"));
        SimulatedFleet started = SimulatedFleet.start(clusters);
        try {
            kubeconfig = Files.createTempFile("flotilla-kubeconfig-", ".yaml");
        } catch (IOException e) {
            started.close();
            throw new UncheckedIOException("cannot create a kubeconfig file", e);
        }
        started.writeKubeconfig(kubeconfig);
        fleet = started;
        return Map.of("flotilla.clusters.kubeconfig", kubeconfig.toString());
    }

    @Override
    public void stop() {
        SimulatedFleet running = fleet;
        fleet = null;
        if (running != null) {
            running.close();
        }
        if (kubeconfig != null) {
            kubeconfig.toFile().delete();
        }
    }

    /** The fleet of the running test application; fails when none runs. */
    public static SimulatedFleet fleet() {
        SimulatedFleet running = fleet;
        if (running == null) {
            throw new IllegalStateException("no simulated clusters run: annotate the test with "
                    + "@QuarkusTestResource(ClustersTestResource.class) or @WithTestResource(ClustersTestResource.class)");
        }
        return running;
    }
}
