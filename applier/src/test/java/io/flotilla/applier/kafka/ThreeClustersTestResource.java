package io.flotilla.applier.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

import io.flotilla.embedded.clusters.SimulatedFleet;
import io.flotilla.testing.quarkus.FleetTestResource;

/** Three simulated clusters, {@code dev}, {@code stg} and {@code prod}, registered for the applier under test. */
public class ThreeClustersTestResource extends FleetTestResource {

    private static volatile SimulatedFleet fleet;

    @Override
    protected Map<String, Map<String, String>> clusters() {
        Map<String, Map<String, String>> clusters = new LinkedHashMap<>();
        for (String name : new String[] {"dev", "stg", "prod"}) {
            clusters.put(name, Map.of("env", name));
        }
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

    static SimulatedFleet fleet() {
        return fleet;
    }
}
