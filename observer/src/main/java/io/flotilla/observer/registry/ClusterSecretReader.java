package io.flotilla.observer.registry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.Secret;
import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.events.EventCodec;

/**
 * What a cluster Secret says, after Argo CD's convention with Flotilla's names: labelled
 * {@value #TYPE_LABEL}={@value #TYPE}, with data keys {@code name} (else the Secret's own name), and either
 * {@code kubeconfig} (its current context is taken) or {@code server} with {@code config}, a JSON object
 * {@code {bearerToken, username, password, tlsClientConfig: {caData, certData, keyData, insecure, serverName}}}
 * ({@code *Data} base64 PEM, as in a kubeconfig). The Secret's other labels are the cluster's labels.
 */
final class ClusterSecretReader {

    static final String TYPE_LABEL = "flotilla.io/secret-type";
    static final String TYPE = "cluster";

    private ClusterSecretReader() {
    }

    /** @throws IllegalArgumentException naming the Secret and what is wrong with it */
    static RegisteredCluster read(Secret secret, Instant at) {
        String name = clusterName(secret);
        Map<String, String> labels = new TreeMap<>(secret.getMetadata().getLabels() == null ? Map.of()
                : secret.getMetadata().getLabels());
        labels.remove(TYPE_LABEL);
        try {
            String kubeconfig = value(secret, "kubeconfig");
            if (kubeconfig == null) {
                kubeconfig = kubeconfig(name, value(secret, "server"), value(secret, "config"));
            }
            return KubeconfigClusters.registration(kubeconfig, null, name, labels, ClusterRegistry.SOURCE_SECRET, at);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Secret " + where(secret) + ": " + e.getMessage(), e);
        }
    }

    /** The name of the cluster the Secret defines: its {@code name} key, else the Secret's own name. */
    static String clusterName(Secret secret) {
        String name = value(secret, "name");
        return name == null || name.isBlank() ? secret.getMetadata().getName() : name.strip();
    }

    static String where(Secret secret) {
        return secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
    }

    /** A kubeconfig of one context made of {@code server} and {@code config} (JSON is YAML too). */
    private static String kubeconfig(String name, String server, String config) {
        if (server == null || server.isBlank()) {
            throw new IllegalArgumentException("neither 'kubeconfig' nor 'server' is given");
        }
        JsonNode settings;
        try {
            settings = config == null ? EventCodec.mapper().createObjectNode() : EventCodec.mapper().readTree(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("'config' is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode tls = settings.path("tlsClientConfig");
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("server", server.strip());
        copy(tls, "caData", cluster, "certificate-authority-data");
        copy(tls, "serverName", cluster, "tls-server-name");
        if (tls.path("insecure").asBoolean(false)) {
            cluster.put("insecure-skip-tls-verify", true);
        }
        Map<String, Object> user = new LinkedHashMap<>();
        copy(settings, "bearerToken", user, "token");
        copy(settings, "username", user, "username");
        copy(settings, "password", user, "password");
        copy(tls, "certData", user, "client-certificate-data");
        copy(tls, "keyData", user, "client-key-data");
        ObjectNode kubeconfig = EventCodec.mapper().valueToTree(Map.of(
                "apiVersion", "v1", "kind", "Config", "current-context", name,
                "clusters", List.of(Map.of("name", name, "cluster", cluster)),
                "users", List.of(Map.of("name", name, "user", user)),
                "contexts", List.of(Map.of("name", name, "context", Map.of("cluster", name, "user", name)))));
        return kubeconfig.toString();
    }

    private static void copy(JsonNode from, String field, Map<String, Object> to, String as) {
        JsonNode value = from.path(field);
        if (value.isTextual() && !value.asText().isBlank()) {
            to.put(as, value.asText());
        }
    }

    private static String value(Secret secret, String key) {
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return secret.getStringData().get(key);
        }
        String encoded = secret.getData() == null ? null : secret.getData().get(key);
        if (encoded == null) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Secret " + where(secret) + ": data '" + key + "' is not base64", e);
        }
    }
}
