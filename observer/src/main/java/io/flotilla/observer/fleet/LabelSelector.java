package io.flotilla.observer.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.flotilla.clusters.ClusterLabels;

/**
 * A Kubernetes equality-based label selector, {@code env=prod,region=eu}: every requirement must hold;
 * {@code key=value} and {@code key==value} ask for the label, {@code key!=value} for anything else (the label
 * absent included). Empty selects every cluster.
 */
public final class LabelSelector {

    public static final LabelSelector EVERY_CLUSTER = new LabelSelector("", List.of());

    private final String text;
    private final List<Requirement> requirements;

    private LabelSelector(String text, List<Requirement> requirements) {
        this.text = text;
        this.requirements = requirements;
    }

    /** @throws IllegalArgumentException naming the requirement that is not {@code key=value} or not a valid label */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERY_CLUSTER;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : text.split(",")) {
            String requirement = part.strip();
            boolean equal = !requirement.contains("!=");
            String[] sides = requirement.split(equal ? "==?" : "!=", -1);
            if (sides.length != 2 || sides[0].isBlank()) {
                throw new IllegalArgumentException("selector '" + text + "': '" + requirement
                        + "' is not key=value, key==value or key!=value");
            }
            String key = sides[0].strip();
            String value = sides[1].strip();
            try {
                ClusterLabels.check(key, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("selector '" + text + "': " + e.getMessage(), e);
            }
            requirements.add(new Requirement(key, value, equal));
        }
        return new LabelSelector(text.strip(), List.copyOf(requirements));
    }

    public boolean matches(Map<String, String> labels) {
        return requirements.stream().allMatch(requirement ->
                Objects.equals(labels.get(requirement.key()), requirement.value()) == requirement.equal());
    }

    /** The selector as given, empty for every cluster. */
    @Override
    public String toString() {
        return text;
    }

    private record Requirement(String key, String value, boolean equal) {
    }
}
