package io.flotilla.applier;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rendered objects as the renderer sends them: plain maps, the namespace left unset unless given. */
public final class Manifests {

    private Manifests() {
    }

    public static Map<String, Object> configMap(String name, String namespace, Map<String, String> data) {
        Map<String, Object> object = object("v1", "ConfigMap", name, namespace);
        object.put("data", data);
        return object;
    }

    public static Map<String, Object> namespace(String name) {
        return object("v1", "Namespace", name, null);
    }

    public static Map<String, Object> clusterRole(String name) {
        Map<String, Object> object = object("rbac.authorization.k8s.io/v1", "ClusterRole", name, null);
        object.put("rules", List.of(Map.of("apiGroups", List.of(""), "resources", List.of("configmaps"),
                "verbs", List.of("get"))));
        return object;
    }

    /** A namespaced kind {@code Widget} in {@code example.com/v1}. */
    public static Map<String, Object> widgetDefinition() {
        Map<String, Object> object = object("apiextensions.k8s.io/v1", "CustomResourceDefinition",
                "widgets.example.com", null);
        object.put("spec", Map.of(
                "group", "example.com",
                "scope", "Namespaced",
                "names", Map.of("kind", "Widget", "listKind", "WidgetList", "plural", "widgets",
                        "singular", "widget"),
                "versions", List.of(Map.of("name", "v1", "served", true, "storage", true,
                        "schema", Map.of("openAPIV3Schema", Map.of("type", "object",
                                "x-kubernetes-preserve-unknown-fields", true))))));
        return object;
    }

    public static Map<String, Object> widget(String name) {
        Map<String, Object> object = object("example.com/v1", "Widget", name, null);
        object.put("spec", Map.of("teeth", 12));
        return object;
    }

    public static Map<String, Object> deployment(String name, int replicas) {
        Map<String, Object> object = object("apps/v1", "Deployment", name, null);
        Map<String, Object> labels = Map.of("app", name);
        object.put("spec", Map.of("replicas", replicas, "selector", Map.of("matchLabels", labels),
                "template", Map.of("metadata", Map.of("labels", labels),
                        "spec", Map.of("containers", List.of(Map.of("name", name, "image", "nginx:1.27"))))));
        return object;
    }

    public static Map<String, Object> job(String name) {
        Map<String, Object> object = object("batch/v1", "Job", name, null);
        object.put("spec", Map.of("template", Map.of("spec", Map.of("restartPolicy", "Never",
                "containers", List.of(Map.of("name", name, "image", "busybox:1.36"))))));
        return object;
    }

    /** The object as a Helm hook of {@code phases}; weight and delete policy left out when null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> hook(Map<String, Object> object, String phases, String weight, String policy) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("helm.sh/hook", phases);
        if (weight != null) {
            annotations.put("helm.sh/hook-weight", weight);
        }
        if (policy != null) {
            annotations.put("helm.sh/hook-delete-policy", policy);
        }
        ((Map<String, Object>) object.get("metadata")).put("annotations", annotations);
        return object;
    }

    /** The object, annotated {@code helm.sh/resource-policy: keep}, as charts mark what must outlive them. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> kept(Map<String, Object> object) {
        ((Map<String, Object>) object.get("metadata")).put("annotations", Map.of("helm.sh/resource-policy", "keep"));
        return object;
    }

    /** A Secret with one key, {@code password}, its value base64-encoded as the API server keeps it. */
    public static Map<String, Object> secret(String name, String password) {
        return Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", name),
                "data", Map.of("password", encoded(password)));
    }

    /** {@code value} base64-encoded, as a Secret's data holds it. */
    public static String encoded(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    public static Map<String, Object> object(String apiVersion, String kind, String name, String namespace) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.put("metadata", metadata);
        return object;
    }
}
