package io.flotilla.clusters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flotilla.events.ClusterRef;

/**
 * Clusters read from a kubeconfig: every context is a cluster, named as the context. Labels sit in the context's
 * extensions under {@value #LABELS_EXTENSION}, so the same file that holds the credentials says which clusters are
 * {@code env=prod}:
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
 *
 * Each context becomes a {@link RegisteredCluster} whose credentials are a kubeconfig of that context alone, its
 * cluster and its user, with files it names (certificates, keys, token files) read into the document, so that it
 * means the same on any host.
 */
public final class KubeconfigClusters {

    public static final String LABELS_EXTENSION = "flotilla.io/labels";
    public static final String SOURCE = "kubeconfig";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Fields of a kubeconfig that name a file, and the field that holds the same content inline. */
    private static final Map<String, String> FILE_FIELDS = Map.of(
            "certificate-authority", "certificate-authority-data",
            "client-certificate", "client-certificate-data",
            "client-key", "client-key-data");

    private KubeconfigClusters() {
    }

    /** The names and labels of every context. */
    public static List<ClusterRef> read(Path kubeconfig) {
        return registrations(kubeconfig, Instant.EPOCH).stream().map(RegisteredCluster::ref).toList();
    }

    /** Every context as a cluster registered at {@code at}, with its own kubeconfig as credentials. */
    public static List<RegisteredCluster> registrations(Path kubeconfig, Instant at) {
        JsonNode root = parse(kubeconfig);
        List<RegisteredCluster> clusters = new ArrayList<>();
        if (root == null) {
            return clusters;
        }
        for (JsonNode context : root.path("contexts")) {
            String name = context.path("name").asText(null);
            if (name == null || name.isBlank()) {
                throw new IllegalStateException(kubeconfig + ": a context has no name");
            }
            clusters.add(registration(kubeconfig, root, name, name, labels(context.path("context").path("extensions")),
                    SOURCE, at));
        }
        return clusters;
    }

    /**
     * One context of a kubeconfig registered as cluster {@code name}, as {@code flotilla cluster add} does.
     *
     * @param context the context to take; null for the file's current context
     */
    public static RegisteredCluster registration(Path kubeconfig, String context, String name,
            Map<String, String> labels, String source, Instant at) {
        JsonNode root = parse(kubeconfig);
        return registration(kubeconfig, root, chosen(root, context, kubeconfig.toString()), name, labels, source, at);
    }

    /** A cluster registered from kubeconfig text given as it is (the API takes it so). */
    public static RegisteredCluster registration(String kubeconfigText, String context, String name,
            Map<String, String> labels, String source, Instant at) {
        JsonNode root;
        try {
            root = YAML.readTree(kubeconfigText);
        } catch (IOException e) {
            throw new IllegalArgumentException("the kubeconfig is not YAML: " + e.getMessage(), e);
        }
        return registration(null, root, chosen(root, context, "the kubeconfig"), name, labels, source, at);
    }

    private static String chosen(JsonNode root, String context, String where) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + " is empty");
        }
        String chosen = context != null ? context : root.path("current-context").asText(null);
        if (chosen == null || chosen.isBlank()) {
            throw new IllegalArgumentException(where + " has no current-context: name the context to use");
        }
        return chosen;
    }

    private static RegisteredCluster registration(Path file, JsonNode root, String contextName, String name,
            Map<String, String> labels, String source, Instant at) {
        String where = file == null ? "the kubeconfig" : file.toString();
        JsonNode context = named(root.path("contexts"), contextName)
                .orElseThrow(() -> new IllegalArgumentException(where + " has no context " + contextName));
        String clusterName = context.path("context").path("cluster").asText("");
        JsonNode cluster = named(root.path("clusters"), clusterName).orElseThrow(() -> new IllegalArgumentException(
                where + ": context " + contextName + " names cluster '" + clusterName + "', which it does not define"));
        String userName = context.path("context").path("user").asText("");
        JsonNode user = named(root.path("users"), userName).orElse(null);

        ObjectNode own = YAML.createObjectNode();
        own.put("apiVersion", "v1");
        own.put("kind", "Config");
        own.put("current-context", name);
        ObjectNode ownCluster = own.putArray("clusters").addObject();
        ownCluster.put("name", name);
        ownCluster.set("cluster", inlined(cluster.path("cluster"), file));
        ObjectNode ownContext = own.putArray("contexts").addObject();
        ownContext.put("name", name);
        ObjectNode body = ownContext.putObject("context");
        body.put("cluster", name);
        body.put("user", name);
        JsonNode namespace = context.path("context").path("namespace");
        if (namespace.isTextual()) {
            body.put("namespace", namespace.asText());
        }
        ObjectNode ownUser = own.putArray("users").addObject();
        ownUser.put("name", name);
        ownUser.set("user", user == null ? YAML.createObjectNode() : inlined(user.path("user"), file));
        try {
            return new RegisteredCluster(name, labels, cluster.path("cluster").path("server").asText(""), source, at,
                    YAML.writeValueAsString(own));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the kubeconfig of " + name, e);
        }
    }

    private static ObjectNode inlined(JsonNode section, Path file) {
        ObjectNode copy = section.isObject() ? ((ObjectNode) section).deepCopy() : YAML.createObjectNode();
        for (Map.Entry<String, String> field : FILE_FIELDS.entrySet()) {
            JsonNode path = copy.remove(field.getKey());
            if (path != null && path.isTextual()) {
                copy.put(field.getValue(), Base64.getEncoder().encodeToString(readReferenced(file, path.asText())));
            }
        }
        JsonNode tokenFile = copy.remove("tokenFile");
        if (tokenFile != null && tokenFile.isTextual()) {
            copy.put("token", new String(readReferenced(file, tokenFile.asText())).strip());
        }
        return copy;
    }

    private static byte[] readReferenced(Path kubeconfig, String reference) {
        Path path = Path.of(reference);
        if (!path.isAbsolute() && kubeconfig != null && kubeconfig.toAbsolutePath().getParent() != null) {
            path = kubeconfig.toAbsolutePath().getParent().resolve(path);
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ", which the kubeconfig names: " + e.getMessage(),
                    e);
        }
    }

    private static Optional<JsonNode> named(JsonNode list, String name) {
        for (JsonNode entry : list) {
            if (name.equals(entry.path("name").asText())) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    private static JsonNode parse(Path kubeconfig) {
        try {
            return YAML.readTree(Files.readString(kubeconfig));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the cluster registry " + kubeconfig + ": " + e.getMessage(), e);
        }
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
