package io.flotilla.bench.observer;

import java.util.List;
import java.util.Map;

import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseKey;

/**
 * One release of the benchmark on one cluster, made of what a small web chart renders: a ConfigMap, a Service and a
 * Deployment, each as the renderer hands it to the applier.
 */
record BenchRelease(ReleaseKey key) {

    static final String NAMESPACE = "bench";

    String name() {
        return key.name();
    }

    /** The ConfigMap a benchmark changes out of band to time drift detection. */
    ObjectRef configMap() {
        return new ObjectRef("v1", "ConfigMap", NAMESPACE, name());
    }

    List<Map<String, Object>> objects() {
        Map<String, Object> labels = Map.of("app.kubernetes.io/name", name(), "app.kubernetes.io/managed-by", "flotilla");
        Map<String, Object> selector = Map.of("app.kubernetes.io/name", name());
        return List.of(
                Map.of("apiVersion", "v1", "kind", "ConfigMap",
                        "metadata", Map.of("name", name(), "namespace", NAMESPACE, "labels", labels),
                        "data", Map.of("message", "Hello from " + name(), "revision", "1")),
                Map.of("apiVersion", "v1", "kind", "Service",
                        "metadata", Map.of("name", name(), "namespace", NAMESPACE, "labels", labels),
                        "spec", Map.of("type", "ClusterIP", "selector", selector,
                                "ports", List.of(Map.of("name", "http", "port", 80, "targetPort", "http")))),
                Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                        "metadata", Map.of("name", name(), "namespace", NAMESPACE, "labels", labels),
                        "spec", Map.of("replicas", 2, "selector", Map.of("matchLabels", selector),
                                "template", Map.of("metadata", Map.of("labels", selector),
                                        "spec", Map.of("containers", List.of(Map.of("name", "web",
                                                "image", "ghcr.io/stefanprodan/podinfo:6.5.0",
                                                "ports", List.of(Map.of("name", "http", "containerPort", 9898)),
                                                "resources", Map.of("requests", Map.of("cpu", "10m", "memory", "32Mi"),
                                                        "limits", Map.of("cpu", "1000m", "memory", "1024Mi")))))))));
    }
}
