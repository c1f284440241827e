package io.flotilla.renderer.targeting;

import java.util.List;
import java.util.Map;

import io.flotilla.events.ClusterRef;

/**
 * Which clusters an entry of the targeting file (or one of its exclusions, customizations or waves) means: a
 * cluster matches when it has one of the {@code names} (if given), every label of {@code matchLabels} and meets
 * every requirement of {@code matchExpressions}, as a Kubernetes label selector would.
 *
 * @param names the clusters by name; null when the selector does not name them
 */
public record ClusterSelector(List<String> names, Map<String, String> matchLabels,
        List<LabelExpression> matchExpressions) {

    /** Says nothing: as {@code clusters}, every cluster; as {@code exclude}, none. */
    public static final ClusterSelector NOTHING_SAID = new ClusterSelector(null, Map.of(), List.of());

    public ClusterSelector {
        names = names == null ? null : List.copyOf(names);
        matchLabels = Map.copyOf(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    public boolean matches(ClusterRef cluster) {
        if (names != null && !names.contains(cluster.name())) {
            return false;
        }
        for (Map.Entry<String, String> label : matchLabels.entrySet()) {
            if (!cluster.hasLabel(label.getKey(), label.getValue())) {
                return false;
            }
        }
        return matchExpressions.stream().allMatch(expression -> expression.matches(cluster.labels()));
    }

    /** Whether the selector says nothing, which an exclusion takes as leaving no cluster out. */
    public boolean saysNothing() {
        return names == null && matchLabels.isEmpty() && matchExpressions.isEmpty();
    }
}
