package io.flotilla.renderer.targeting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flotilla.events.ClusterRef;

/**
 * The cluster variables substituted in a release's values and plain manifests, as Flux's
 * {@code postBuild.substitute}: {@code ${cluster_name}}, {@code ${cluster_kubernetes_version}} (empty until the
 * observer reports it) and {@code ${cluster_label_<key>}} (the key with every character but letters, digits and
 * {@code _} written {@code _}; empty when the cluster has no such label). {@code ${var:=default}} gives the default
 * when the variable is empty; {@code $${var}} is written {@code ${var}} as it is. Only these names are touched: any
 * other {@code ${...}} is left as it is, so that values meant for a chart's own templating survive.
 */
public final class ClusterVariables {

    private static final Pattern VARIABLE = Pattern.compile(
            "(\\$?)\\$\\{(cluster_name|cluster_kubernetes_version|cluster_label_[A-Za-z0-9_]+)(?::=([^}]*))?}");
    private static final String LABEL = "cluster_label_";

    private final Map<String, String> values;

    private ClusterVariables(Map<String, String> values) {
        this.values = values;
    }

    /** @param kubernetesVersion as the observer reports it; null when not known yet */
    public static ClusterVariables of(ClusterRef cluster, String kubernetesVersion) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("cluster_name", cluster.name());
        values.put("cluster_kubernetes_version", kubernetesVersion == null ? "" : kubernetesVersion);
        // Sorted, so that two keys written alike (a.b and a_b) always give the same one.
        new TreeMap<>(cluster.labels()).forEach((key, value) ->
                values.putIfAbsent(LABEL + key.replaceAll("[^A-Za-z0-9_]", "_"), value));
        return new ClusterVariables(values);
    }

    /** The text with the cluster variables substituted; the same instance when it has none. */
    public String substitute(String text) {
        if (!text.contains("${")) {
            return text;
        }
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        boolean changed = false;
        while (matcher.find()) {
            String replacement;
            if (!matcher.group(1).isEmpty()) {
                replacement = matcher.group().substring(1);
            } else {
                String value = values.getOrDefault(matcher.group(2), "");
                replacement = value.isEmpty() && matcher.group(3) != null ? matcher.group(3) : value;
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
            changed = true;
        }
        if (!changed) {
            return text;
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /**
     * A tree of values or objects (mappings, lists, scalars as read from YAML) with the variables substituted in
     * its strings, keys too; the same instance when nothing changed, so that an unchanged release keeps its digest
     * without being written again.
     */
    @SuppressWarnings("unchecked")
    public <T> T substitute(T tree) {
        if (tree instanceof String text) {
            return (T) substitute(text);
        }
        if (tree instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object key = substitute(entry.getKey());
                Object value = substitute(entry.getValue());
                changed |= key != entry.getKey() || value != entry.getValue();
                copy.put(key, value);
            }
            return changed ? (T) copy : tree;
        }
        if (tree instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object item : list) {
                Object substituted = substitute(item);
                changed |= substituted != item;
                copy.add(substituted);
            }
            return changed ? (T) copy : tree;
        }
        return tree;
    }
}
