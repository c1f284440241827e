package io.flotilla.testing.quarkus;

import java.util.LinkedHashMap;
import java.util.Map;

import io.flotilla.embedded.clusters.SimulatedFleet;

/**
 * Two simulated clusters for a Quarkus test, {@code dev} {env=dev} and {@code prod} {env=prod}, registered in a
 * kubeconfig in a temp file: sets {@code flotilla.clusters.kubeconfig}. They start empty with the application and
 * stop with it; {@link #fleet()} gives the test the running fleet to look into.
 */
public class ClustersTestResource extends FleetTestResource {

    private static volatile SimulatedFleet fleet;

    @Override
    protected Map<String, Map<String, String>> clusters() {
        Map<String, Map<String, String>> clusters = new LinkedHashMap<>();
        clusters.put("dev", Map.of("env", "dev"));
        clusters.put("prod", Map.of("env", "prod"));
        return clusters;
    }

    @Override
    protected void started(SimulatedFleet running) {
        fleet = running;
    }

    @Override
    protected void stopped() {
        fleet = null;
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
