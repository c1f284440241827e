package io.flotilla.clusters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flotilla.events.ClusterRef;

/**
 * The fleet, read from a kubeconfig: every context is a cluster, named as the context. Labels sit in
 * the context's extensions under {@value #LABELS_EXTENSION}, so the same file that holds the
 * credentials says which clusters are {@code env=prod}:
 *
 * <pre>
 * contexts:
 * - name: prod-eu
 *   context:
 *     cluster: prod-eu
 *     user: flotilla
 *     extensions:
 *     - name: flotilla.io/labels
 *       extension: {env: prod, region: eu}
 * </pre>
 */
public final class ClusterRegistry {

    public static final String LABELS_EXTENSION = "flotilla.io/labels";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ClusterRegistry() {
    }

    public static List<ClusterRef> read(Path kubeconfig) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(kubeconfig));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the cluster registry " + kubeconfig + ": " + e.getMessage(), e);
        }
        List<ClusterRef> clusters = new ArrayList<>();
        if (root == null) {
            return clusters;
        }
        for (JsonNode context : root.path("contexts")) {
            String name = context.path("name").asText(null);
            if (name == null || name.isBlank()) {
                throw new IllegalStateException(kubeconfig + ": a context has no name");
            }
            clusters.add(new ClusterRef(name, labels(context.path("context").path("extensions"))));
        }
        return clusters;
    }

    private static Map<String, String> labels(JsonNode extensions) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (JsonNode extension : extensions) {
            if (LABELS_EXTENSION.equals(extension.path("name").asText())) {
                extension.path("extension").fields()
                        .forEachRemaining(field -> labels.put(field.getKey(), field.getValue().asText()));
            }
        }
        return labels;
    }
}
