package io.flotilla.events;

import java.util.Map;

/** A registered cluster: its name (the kubeconfig context) and its labels, such as {@code env=prod}. */
public record ClusterRef(String name, Map<String, String> labels) {

    public ClusterRef {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public boolean hasLabel(String key, String value) {
        return value.equals(labels.get(key));
    }
}
