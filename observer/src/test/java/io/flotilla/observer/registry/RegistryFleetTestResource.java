package io.flotilla.observer.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.flotilla.embedded.clusters.SimulatedFleet;
import io.flotilla.testing.quarkus.FleetTestResource;

/**
 * The cluster {@code seed} {env=dev} in the kubeconfig given at start, and spare simulated clusters that no
 * kubeconfig given at start names, each with a kubeconfig file of its own for a test to register while the observer
 * runs: {@code eu-1}..{@code eu-5}, {@code us-1}; and {@code home}, the cluster Flotilla runs in, whose namespace
 * {@code flotilla} holds the cluster Secrets ({@code flotilla.clusters.secrets.*} set).
 */
public class RegistryFleetTestResource extends FleetTestResource {

    static final List<String> SPARES = List.of("eu-1", "eu-2", "eu-3", "eu-4", "eu-5", "us-1", "home");

    private static final Map<String, SimulatedFleet> spares = new LinkedHashMap<>();
    private static final Map<String, Path> kubeconfigs = new HashMap<>();

    @Override
    protected Map<String, Map<String, String>> clusters() {
        return Map.of("seed", Map.of("env", "dev"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("flotilla.clusters.secrets.enabled", "true");
        config.put("flotilla.clusters.secrets.namespace", "flotilla");
        config.put("flotilla.clusters.secrets.kubeconfig", kubeconfig("home").toString());
        return config;
    }

    @Override
    protected void started(SimulatedFleet seeded) {
        for (String name : SPARES) {
            SimulatedFleet spare = SimulatedFleet.start(Map.of(name, Map.of()));
            spares.put(name, spare);
            try {
                kubeconfigs.put(name, spare.writeKubeconfig(Files.createTempFile("flotilla-" + name + "-", ".yaml")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        spares.get("home").cluster("home").client().namespaces()
                .resource(new NamespaceBuilder().withNewMetadata().withName("flotilla").endMetadata().build()).create();
    }

    @Override
    protected void stopped() {
        spares.values().forEach(SimulatedFleet::close);
        spares.clear();
        kubeconfigs.values().forEach(file -> file.toFile().delete());
        kubeconfigs.clear();
    }

    static SimulatedFleet spare(String name) {
        return spares.get(name);
    }

    /** The kubeconfig file of a spare cluster, its one context named as the cluster. */
    static Path kubeconfig(String name) {
        return kubeconfigs.get(name);
    }

    static String kubeconfigText(String name) {
        try {
            return Files.readString(kubeconfig(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
