package io.flotilla.renderer.targeting;

import java.util.List;
import java.util.Optional;

import io.flotilla.events.ClusterRef;

/**
 * One entry of the targeting file: the releases declared under {@code paths} go to the clusters {@code clusters}
 * selects, but those {@code exclude} selects, with {@code customizations} merged over their values and, when
 * {@code rollout} is set, in waves.
 *
 * @param line    where the entry starts in the file, for messages
 * @param rollout null when the entry's clusters take a change all at once
 */
public record TargetEntry(String name, int line, List<PathGlob> paths, ClusterSelector clusters,
        ClusterSelector exclude, List<Customization> customizations, RolloutPlan rollout) {

    public TargetEntry {
        paths = List.copyOf(paths);
        customizations = List.copyOf(customizations);
    }

    /** The first of the entry's globs that matches {@code path}. */
    public Optional<PathGlob.Match> match(String path) {
        for (PathGlob glob : paths) {
            Optional<PathGlob.Match> match = glob.match(path);
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }

    /** Whether the entry's selector takes {@code cluster} and its exclusion does not leave it out. */
    public boolean selects(ClusterRef cluster) {
        return clusters.matches(cluster) && (exclude.saysNothing() || !exclude.matches(cluster));
    }
}
