package io.flotilla.applier.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.flotilla.testing.clusters.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Three simulated clusters, {@code dev}, {@code stg} and {@code prod}, registered for the applier under test. */
public class ThreeClustersTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile SimulatedFleet fleet;
    private Path kubeconfig;

    @Override
    public Map<String, String> start() {
        Map<String, Map<String, String>> clusters = new LinkedHashMap<>();
        for (String name : new String[] {"dev", "stg", "prod"}) {
            clusters.put(name, Map.of("env", name));
        }
        fleet = SimulatedFleet.start(clusters);
        try {
            kubeconfig = Files.createTempFile("flotilla-three-clusters-", ".yaml");
        } catch (IOException e) {
            fleet.close();
            throw new UncheckedIOException("cannot create a kubeconfig file", e);
        }
        fleet.writeKubeconfig(kubeconfig);
        return Map.of("flotilla.clusters.kubeconfig", kubeconfig.toString());
    }

    @Override
    public void stop() {
        fleet.close();
        kubeconfig.toFile().delete();
    }

    static SimulatedFleet fleet() {
        return fleet;
    }
}
