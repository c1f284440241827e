package io.flotilla.launcher.cli;

import java.time.Instant;
import java.util.Map;

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
}
