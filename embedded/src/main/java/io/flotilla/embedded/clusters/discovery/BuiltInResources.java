package io.flotilla.embedded.clusters.discovery;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resources a Kubernetes 1.31 API server serves without any CustomResourceDefinition, as its discovery
 * endpoints list them: which kinds exist, under which group and version, and whether they live in a namespace.
 */
public final class BuiltInResources {

    /** The version this API server says it is, in discovery and in its node's status. */
    public static final String KUBERNETES_VERSION = "v1.31.0";

    public record Resource(String group, String version, String plural, String kind, boolean namespaced,
            boolean hasStatus) {
    }

    /** The short names of a built-in kind ({@code deploy} for Deployment), none for others. */
    public static List<String> shortNames(String kind) {
        return SHORT_NAMES.getOrDefault(kind, List.of());
    }

    /** The short names Kubernetes gives its built-in kinds, which kubectl reads from discovery. */
    private static final Map<String, List<String>> SHORT_NAMES = Map.ofEntries(
            Map.entry("Namespace", List.of("ns")), Map.entry("Node", List.of("no")),
            Map.entry("PersistentVolume", List.of("pv")), Map.entry("ConfigMap", List.of("cm")),
            Map.entry("Service", List.of("svc")), Map.entry("ServiceAccount", List.of("sa")),
            Map.entry("Pod", List.of("po")), Map.entry("PersistentVolumeClaim", List.of("pvc")),
            Map.entry("Endpoints", List.of("ep")), Map.entry("Event", List.of("ev")),
            Map.entry("LimitRange", List.of("limits")), Map.entry("ResourceQuota", List.of("quota")),
            Map.entry("ReplicationController", List.of("rc")), Map.entry("Deployment", List.of("deploy")),
            Map.entry("StatefulSet", List.of("sts")), Map.entry("DaemonSet", List.of("ds")),
            Map.entry("ReplicaSet", List.of("rs")), Map.entry("CronJob", List.of("cj")),
            Map.entry("HorizontalPodAutoscaler", List.of("hpa")), Map.entry("PodDisruptionBudget", List.of("pdb")),
            Map.entry("Ingress", List.of("ing")), Map.entry("NetworkPolicy", List.of("netpol")),
            Map.entry("CustomResourceDefinition", List.of("crd", "crds")), Map.entry("StorageClass", List.of("sc")),
            Map.entry("PriorityClass", List.of("pc")),
            Map.entry("CertificateSigningRequest", List.of("csr")));

    static final List<Resource> ALL = List.of(
            new Resource("", "v1", "namespaces", "Namespace", false, true),
            new Resource("", "v1", "nodes", "Node", false, true),
            new Resource("", "v1", "persistentvolumes", "PersistentVolume", false, true),
            new Resource("", "v1", "configmaps", "ConfigMap", true, false),
            new Resource("", "v1", "secrets", "Secret", true, false),
            new Resource("", "v1", "services", "Service", true, true),
            new Resource("", "v1", "serviceaccounts", "ServiceAccount", true, false),
            new Resource("", "v1", "pods", "Pod", true, true),
            new Resource("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true, true),
            new Resource("", "v1", "endpoints", "Endpoints", true, false),
            new Resource("", "v1", "events", "Event", true, false),
            new Resource("", "v1", "limitranges", "LimitRange", true, false),
            new Resource("", "v1", "resourcequotas", "ResourceQuota", true, true),
            new Resource("", "v1", "replicationcontrollers", "ReplicationController", true, true),
            new Resource("", "v1", "podtemplates", "PodTemplate", true, false),
            new Resource("apps", "v1", "deployments", "Deployment", true, true),
            new Resource("apps", "v1", "statefulsets", "StatefulSet", true, true),
            new Resource("apps", "v1", "daemonsets", "DaemonSet", true, true),
            new Resource("apps", "v1", "replicasets", "ReplicaSet", true, true),
            new Resource("apps", "v1", "controllerrevisions", "ControllerRevision", true, false),
            new Resource("batch", "v1", "jobs", "Job", true, true),
            new Resource("batch", "v1", "cronjobs", "CronJob", true, true),
            new Resource("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, true),
            new Resource("autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, true),
            new Resource("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, true),
            new Resource("networking.k8s.io", "v1", "ingresses", "Ingress", true, true),
            new Resource("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false, false),
            new Resource("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, false),
            new Resource("rbac.authorization.k8s.io", "v1", "roles", "Role", true, false),
            new Resource("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true, false),
            new Resource("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false, false),
            new Resource("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false, false),
            new Resource("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false,
                    true),
            new Resource("storage.k8s.io", "v1", "storageclasses", "StorageClass", false, false),
            new Resource("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", false, false),
            new Resource("coordination.k8s.io", "v1", "leases", "Lease", true, false),
            new Resource("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations",
                    "ValidatingWebhookConfiguration", false, false),
            new Resource("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations",
                    "MutatingWebhookConfiguration", false, false),
            new Resource("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true, false),
            new Resource("apiregistration.k8s.io", "v1", "apiservices", "APIService", false, true),
            new Resource("events.k8s.io", "v1", "events", "Event", true, false),
            new Resource("certificates.k8s.io", "v1", "certificatesigningrequests", "CertificateSigningRequest", false,
                    true),
            new Resource("node.k8s.io", "v1", "runtimeclasses", "RuntimeClass", false, false),
            new Resource("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false,
                    false));

    private BuiltInResources() {
    }

    public static Optional<Resource> find(String group, String version, String plural) {
        return ALL.stream().filter(r -> r.group().equals(group) && r.version().equals(version)
                && r.plural().equals(plural)).findFirst();
    }

    static List<Resource> inGroupVersion(String group, String version) {
        return ALL.stream().filter(r -> r.group().equals(group) && r.version().equals(version)).toList();
    }

    /** The named groups (not the core group) with their versions, preferred version first. */
    static Set<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        ALL.stream().filter(r -> !r.group().isEmpty()).forEach(r -> groups.add(r.group()));
        return groups;
    }

    static List<String> versions(String group) {
        return ALL.stream().filter(r -> r.group().equals(group)).map(Resource::version).distinct().toList();
    }
}
