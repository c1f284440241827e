package io.flotilla.bench.apply;

import java.util.List;
import java.util.Map;

import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;

/**
 * A rendering of the example {@code hello} chart, as the renderer emits it: a ConfigMap, a Service and a
 * Deployment, in the Flux v2 format (so Helm's release record is written too).
 */
public final class HelloRelease {

    private HelloRelease() {
    }

    public static ReleaseRendered rendered(ReleaseKey release, String message) {
        String name = release.name();
        Map<String, String> labels = Map.of("app.kubernetes.io/name", "hello", "app.kubernetes.io/instance", name);
        Map<String, Object> metadata = Map.of("name", name, "labels", labels);
        Map<String, Object> container = Map.of("name", "hello", "image", "ghcr.io/stefanprodan/podinfo:6.5.0",
                "ports", List.of(Map.of("name", "http", "containerPort", 9898)));
        Map<String, Object> podTemplate = Map.of("metadata", Map.of("labels", labels),
                "spec", Map.of("containers", List.of(container)));
        List<Map<String, Object>> objects = List.of(
                Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", metadata,
                        "data", Map.of("message", message)),
                Map.of("apiVersion", "v1", "kind", "Service", "metadata", metadata,
                        "spec", Map.of("type", "ClusterIP", "selector", labels,
                                "ports", List.of(Map.of("port", 80, "targetPort", "http", "name", "http")))),
                Map.of("apiVersion", "apps/v1", "kind", "Deployment", "metadata", metadata,
                        "spec", Map.of("replicas", 1, "selector", Map.of("matchLabels", labels),
                                "template", podTemplate)));
        String digest = release + "@" + message;
        return ReleaseRendered.builder().release(release).format(ReleaseFormat.FLUX_V2).repository("bench")
                .sourceSha("bench-sha").sourceFile("apps/" + name + ".yaml").chart("hello", "0.1.0")
                .chartDigest("hello-digest").valuesDigest("values-" + message).inputDigest(digest).objects(objects)
                .build();
    }
}
