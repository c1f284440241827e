package io.flotilla.launcher.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One cluster as the observer's {@code GET /api/clusters} shows it, the fields {@code cluster list} prints.
 *
 * @param source    how it was registered: {@code kubeconfig}, {@code api} or {@code secret}
 * @param reachable whether it answered last; null when the observer has not looked yet
 * @param ready     releases Ready there, of {@code total} rendered for it; null when nothing was rendered for it yet
 */
public record ClusterRow(String name, Map<String, String> labels, String source, String server,
        Instant registeredAt, Boolean reachable, Integer ready, Integer total) {

    public ClusterRow {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /**
     * A cluster of the observer's answer: its name in {@code cluster}, its reachability as {@code Reachable},
     * {@code Unreachable} or {@code Unknown}, and its releases in {@code bootstrap} ({@code ready} of {@code total}).
     */
    static ClusterRow of(JsonNode cluster) {
        Map<String, String> labels = new LinkedHashMap<>();
        cluster.path("labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
        String reachability = cluster.path("reachability").asText("Unknown");
        JsonNode bootstrap = cluster.path("bootstrap");
        boolean rendered = bootstrap.path("total").asInt(0) > 0;
        return new ClusterRow(cluster.path("cluster").asText(), labels, cluster.path("source").asText(null),
                cluster.path("server").asText(null),
                cluster.hasNonNull("registeredAt") ? Instant.parse(cluster.path("registeredAt").asText()) : null,
                switch (reachability) {
                    case "Reachable" -> true;
                    case "Unreachable" -> false;
                    default -> null;
                }, rendered ? bootstrap.path("ready").asInt() : null, rendered ? bootstrap.path("total").asInt() : null);
    }
}
