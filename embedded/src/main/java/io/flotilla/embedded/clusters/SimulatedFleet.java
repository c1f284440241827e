package io.flotilla.embedded.clusters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.flotilla.clusters.KubeconfigClusters;

/**
 * Several simulated clusters, and the kubeconfig that registers them: one cluster, user and context per simulated
 * cluster, the context named as the cluster and carrying its labels in the {@value KubeconfigClusters#LABELS_EXTENSION}
 * extension, which is how Flotilla's cluster registry reads a fleet.
 */
public final class SimulatedFleet implements AutoCloseable {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final Map<String, SimulatedCluster> clusters;

    private SimulatedFleet(Map<String, SimulatedCluster> clusters) {
        this.clusters = clusters;
    }

    /** Starts one cluster per entry, in the map's order, each on a free port. */
    public static SimulatedFleet start(Map<String, Map<String, String>> clustersWithLabels) {
        return start(clustersWithLabels, 0);
    }

    /**
     * Starts one cluster per entry, in the map's order; with {@code portBase} above 0 the clusters listen on
     * {@code portBase}, {@code portBase + 1}..., else on free ports.
     */
    public static SimulatedFleet start(Map<String, Map<String, String>> clustersWithLabels, int portBase) {
        Map<String, SimulatedCluster> started = new LinkedHashMap<>();
        try {
            int index = 0;
            for (Map.Entry<String, Map<String, String>> cluster : clustersWithLabels.entrySet()) {
                int port = portBase > 0 ? portBase + index : 0;
                started.put(cluster.getKey(), SimulatedCluster.start(cluster.getKey(), cluster.getValue(), port));
                index++;
            }
        } catch (RuntimeException e) {
            started.values().forEach(SimulatedCluster::close);
            throw e;
        }
        return new SimulatedFleet(started);
    }

    /** The cluster named {@code name}; fails naming the clusters there are. */
    public SimulatedCluster cluster(String name) {
        SimulatedCluster cluster = clusters.get(name);
        if (cluster == null) {
            throw new IllegalArgumentException("no simulated cluster named " + name + "; the fleet has "
                    + clusters.keySet());
        }
        return cluster;
    }

    /** The clusters, in the order they were given. */
    public List<SimulatedCluster> clusters() {
        return List.copyOf(clusters.values());
    }

    /** Writes the fleet's kubeconfig to {@code file} (folders created), the first cluster as current context. */
    public Path writeKubeconfig(Path file) {
        ObjectNode config = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "Config");
        ArrayNode clusterList = config.putArray("clusters");
        ArrayNode userList = config.putArray("users");
        ArrayNode contextList = config.putArray("contexts");
        for (SimulatedCluster cluster : clusters.values()) {
            clusterList.addObject().put("name", cluster.name()).putObject("cluster").put("server", cluster.url());
            // Simulated clusters check no credentials; a token keeps clients that insist on one content.
            userList.addObject().put("name", cluster.name()).putObject("user").put("token", "simulated");
            ObjectNode context = contextList.addObject().put("name", cluster.name()).putObject("context")
                    .put("cluster", cluster.name()).put("user", cluster.name()).put("namespace", "default");
            ObjectNode labels = context.putArray("extensions").addObject()
                    .put("name", KubeconfigClusters.LABELS_EXTENSION).putObject("extension");
            cluster.labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(label -> labels.put(label.getKey(), label.getValue()));
        }
        if (!clusters.isEmpty()) {
            config.put("current-context", clusters.keySet().iterator().next());
        }
        try {
            Path absolute = file.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Files.writeString(absolute, YAML.writeValueAsString(config));
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kubeconfig " + file, e);
        }
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (SimulatedCluster cluster : clusters.values()) {
            try {
                cluster.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
