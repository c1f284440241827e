package io.flotilla.launcher.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The clusters a stack manages when the user brings a kubeconfig: every context, or those named with
 * {@code --context}. The selection is written to the stack's own kubeconfig, which is the registry
 * every service reads.
 */
final class KubeconfigSelection {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private KubeconfigSelection() {
    }

    static void write(Path source, List<String> contexts, Path target) throws IOException {
        if (!Files.isReadable(source)) {
            throw new StackException("kubeconfig " + source + " does not exist or cannot be read");
        }
        JsonNode root = YAML.readTree(source.toFile());
        if (!(root instanceof ObjectNode config)) {
            throw new StackException(source + " is not a kubeconfig: it holds no YAML mapping");
        }
        if (!contexts.isEmpty()) {
            ArrayNode kept = YAML.createArrayNode();
            List<String> found = new ArrayList<>();
            for (JsonNode context : config.path("contexts")) {
                if (contexts.contains(context.path("name").asText())) {
                    kept.add(context);
                    found.add(context.path("name").asText());
                }
            }
            List<String> missing = contexts.stream().filter(c -> !found.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw new StackException(source + " has no context " + String.join(", ", missing));
            }
            config.set("contexts", kept);
        }
        if (!config.path("contexts").elements().hasNext()) {
            throw new StackException(source + " names no context: Flotilla would manage no cluster");
        }
        Files.createDirectories(target.getParent());
        YAML.writeValue(target.toFile(), config);
    }
}
