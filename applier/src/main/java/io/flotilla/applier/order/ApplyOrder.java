package io.flotilla.applier.order;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The order in which the objects of a release reach the API server: what others depend on comes
 * first. CustomResourceDefinitions lead, so that the custom resources of the same release can be
 * served, then Namespaces, then Helm's install order. Kinds not in the table come last, in their
 * rendered order, as Helm does; deletion runs the same order backwards.
 */
public final class ApplyOrder {

    /** Earliest first: Helm's install order, with definitions moved ahead of everything. */
    private static final List<String> INSTALL_ORDER = List.of(
            "CustomResourceDefinition",
            "Namespace",
            "PriorityClass",
            "NetworkPolicy",
            "ResourceQuota",
            "LimitRange",
            "PodSecurityPolicy",
            "PodDisruptionBudget",
            "ServiceAccount",
            "Secret",
            "SecretList",
            "ConfigMap",
            "StorageClass",
            "PersistentVolume",
            "PersistentVolumeClaim",
            "ClusterRole",
            "ClusterRoleList",
            "ClusterRoleBinding",
            "ClusterRoleBindingList",
            "Role",
            "RoleList",
            "RoleBinding",
            "RoleBindingList",
            "Service",
            "DaemonSet",
            "Pod",
            "ReplicationController",
            "ReplicaSet",
            "Deployment",
            "HorizontalPodAutoscaler",
            "StatefulSet",
            "Job",
            "CronJob",
            "IngressClass",
            "Ingress",
            "APIService",
            "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration");

    private ApplyOrder() {
    }

    /** The objects in the order to apply them; the sort is stable, so equal kinds keep their order. */
    public static List<HasMetadata> forInstall(List<? extends HasMetadata> objects) {
        return objects.stream().<HasMetadata>map(object -> object).sorted(byKind(HasMetadata::getKind)).toList();
    }

    /** The items in the order to delete them: the install order backwards. */
    public static <T> List<T> forDeletion(List<T> items, Function<T, String> kind) {
        return items.stream().sorted(byKind(kind).reversed()).toList();
    }

    private static <T> Comparator<T> byKind(Function<T, String> kind) {
        return Comparator.comparingInt(item -> rank(kind.apply(item)));
    }

    static int rank(String kind) {
        int index = INSTALL_ORDER.indexOf(kind);
        return index < 0 ? INSTALL_ORDER.size() : index;
    }
}
