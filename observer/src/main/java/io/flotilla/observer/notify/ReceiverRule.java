package io.flotilla.observer.notify;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.flotilla.observer.fleet.LabelSelector;

/** Which changes one receiver hears of: its releases, clusters and severities. */
final class ReceiverRule {

    private final List<PathMatcher> releases;
    private final List<PathMatcher> clusters;
    private final LabelSelector selector;
    private final Set<Severity> severities;

    private ReceiverRule(List<PathMatcher> releases, List<PathMatcher> clusters, LabelSelector selector,
            Set<Severity> severities) {
        this.releases = releases;
        this.clusters = clusters;
        this.selector = selector;
        this.severities = severities;
    }

    /** @throws IllegalArgumentException naming the receiver's setting that cannot be read, and why */
    static ReceiverRule of(String name, NotificationSettings.Receiver receiver) {
        String prefix = "flotilla.notifications.receivers." + name + ".";
        LabelSelector selector;
        try {
            selector = receiver.clusterSelector().map(LabelSelector::parse).orElse(LabelSelector.EVERY_CLUSTER);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "cluster-selector: " + e.getMessage(), e);
        }
        return new ReceiverRule(globs(prefix + "releases", receiver.releases()),
                globs(prefix + "clusters", receiver.clusters()), selector, Set.copyOf(receiver.severities()));
    }

    /** @param labels the labels of a cluster by its name; none for a cluster not registered */
    boolean admits(FleetChange change, Function<String, Map<String, String>> labels) {
        String cluster = change.release().cluster();
        return severities.contains(change.kind().severity())
                && matches(releases, change.release().namespace() + "/" + change.release().name())
                && matches(clusters, cluster)
                && selector.matches(labels.apply(cluster));
    }

    private static boolean matches(List<PathMatcher> globs, String value) {
        Path path = Path.of(value);
        return globs.stream().anyMatch(glob -> glob.matches(path));
    }

    private static List<PathMatcher> globs(String setting, List<String> globs) {
        return globs.stream().map(glob -> {
            try {
                return FileSystems.getDefault().getPathMatcher("glob:" + glob.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + ": '" + glob + "' is no glob: " + e.getMessage(), e);
            }
        }).toList();
    }
}
