package io.flotilla.launcher.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.flotilla.clusters.ClusterLabels;
import io.flotilla.launcher.cli.Arguments.UsageException;

/**
 * Labels as the command line writes them, as {@code kubectl label} does: {@code key=value} sets one, {@code key-}
 * removes one. Every label set is checked as Kubernetes checks labels before anything is sent, so a label the
 * registry would refuse is named here with the reason.
 */
public final class LabelChanges {

    private final Map<String, String> set;
    private final List<String> removed;

    private LabelChanges(Map<String, String> set, List<String> removed) {
        this.set = set;
        this.removed = removed;
    }

    /**
     * @param removals whether {@code key-} is allowed (a relabelling) or not (a registration)
     * @throws UsageException naming the first argument that is no label, or a label that is not valid
     */
    public static LabelChanges parse(List<String> args, boolean removals) {
        Map<String, String> set = new TreeMap<>();
        List<String> removed = new ArrayList<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 0 && removals && arg.endsWith("-") && arg.length() > 1) {
                removed.add(arg.substring(0, arg.length() - 1));
                continue;
            }
            if (equals <= 0) {
                throw new UsageException("'" + arg + "' is not a label: write key=value"
                        + (removals ? " to set one, or key- to remove one" : ""));
            }
            String key = arg.substring(0, equals);
            String value = arg.substring(equals + 1);
            try {
                ClusterLabels.check(key, value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (set.put(key, value) != null) {
                throw new UsageException("label " + key + " is given twice");
            }
        }
        List<String> both = removed.stream().filter(set::containsKey).toList();
        if (!both.isEmpty()) {
            throw new UsageException("label " + both.get(0) + " is both set and removed");
        }
        return new LabelChanges(set, removed);
    }

    /** The labels set, by key. */
    public Map<String, String> set() {
        return new TreeMap<>(set);
    }

    public boolean isEmpty() {
        return set.isEmpty() && removed.isEmpty();
    }

    /** {@code labels} with these changes made, by key. */
    public Map<String, String> applyTo(Map<String, String> labels) {
        Map<String, String> changed = new TreeMap<>(labels);
        removed.forEach(changed::remove);
        changed.putAll(set);
        return changed;
    }

    /** Labels as the command line prints them: {@code env=prod,region=eu}, by key; {@code -} for none. */
    public static String print(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "-";
        }
        return String.join(",", new TreeMap<>(labels).entrySet().stream()
                .map(label -> label.getKey() + "=" + label.getValue()).toList());
    }
}
