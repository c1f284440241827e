package io.flotilla.observer.notify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One message to one receiver: the changes of one commit (one correlation id) that came within the window, in the
 * order of kind, cluster and release.
 */
record Notification(String receiver, String correlationId, List<FleetChange> changes) {

    /** Lines listed in one message at most; the rest are counted. */
    static final int LISTED = 50;
    private static final int CLUSTERS_NAMED = 10;

    Notification {
        changes = changes.stream().sorted(Comparator.comparing(FleetChange::kind)
                .thenComparing(change -> change.release().toString())).toList();
    }

    /** The commit the changes are about, when an event said. */
    String sha() {
        return changes.stream().map(FleetChange::sha).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** The highest severity among the changes. */
    Severity severity() {
        return changes.stream().map(change -> change.kind().severity()).min(Comparator.naturalOrder())
                .orElse(Severity.INFO);
    }

    /** {@code Commit 1a2b3c4d5e: Failed on 5 clusters (eu-1, eu-2, eu-3, eu-4, eu-5)}. */
    String headline() {
        Map<ChangeKind, TreeSet<String>> clusters = new LinkedHashMap<>();
        changes.forEach(change -> clusters.computeIfAbsent(change.kind(), kind -> new TreeSet<>())
                .add(change.release().cluster()));
        List<String> parts = new ArrayList<>();
        clusters.forEach((kind, names) -> parts.add(kind.title() + " on " + names.size()
                + (names.size() == 1 ? " cluster (" : " clusters (") + named(names) + ")"));
        String sha = sha();
        return (sha == null ? "" : "Commit " + sha.substring(0, Math.min(10, sha.length())) + ": ")
                + String.join("; ", parts);
    }

    /** {@code Failed: eu-1/apps/web: ImagePullBackOff}, one per change, at most {@link #LISTED}. */
    List<String> lines() {
        return changes.stream().limit(LISTED).map(change -> change.kind().title() + ": " + change.release()
                + (change.detail() == null ? "" : ": " + change.detail())).toList();
    }

    /** How many changes {@link #lines()} leaves out. */
    int unlisted() {
        return Math.max(0, changes.size() - LISTED);
    }

    private static String named(TreeSet<String> names) {
        List<String> shown = names.stream().limit(CLUSTERS_NAMED).toList();
        return String.join(", ", shown)
                + (names.size() > shown.size() ? " and " + (names.size() - shown.size()) + " more" : "");
    }
}
