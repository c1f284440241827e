package io.flotilla.renderer.targeting;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flotilla.events.Tenant;

/**
 * A tenant of the fleet, as the targeting file declares it:
 *
 * <pre>
 * tenants:
 *   - name: team-a
 *     paths: ["teams/a/**"]                 # the folders it owns: what they declare is the tenant's
 *     namespaces: [team-a, "team-a-*"]      # where its objects may be
 *     kinds: [Deployment, Service]          # the namespaced kinds it may declare; {@link #DEFAULT_KINDS} when unset
 *     serviceAccount:                       # who its releases are applied as on each cluster
 *       name: deployer                      # flotilla-tenant-team-a when unset
 *       namespace: team-a                   # its first namespace when unset
 *       clusters: {eu-1: {name: ci, namespace: team-a}}
 *     quota: {pods: "20", requests.cpu: "4"}  # a ResourceQuota's spec.hard in each of its namespaces
 *     limits: [{type: Container, default: {cpu: 500m}}]  # a LimitRange's spec.limits there
 *     networkPolicy: same-namespace         # the default NetworkPolicy there: same-namespace (the default) or none
 * </pre>
 *
 * @param line          where the tenant starts in the file, for messages
 * @param kinds         {@code Kind} (any API group) or {@code Kind.group}
 * @param guarded       whether a NetworkPolicy letting in only the namespace's own pods is applied in each namespace
 */
public record TenantDeclaration(String name, int line, List<PathGlob> paths, List<String> namespaces,
        List<String> kinds, ServiceAccount serviceAccount, Map<String, ServiceAccount> serviceAccountByCluster,
        Map<String, Object> quota, List<Object> limits, boolean guarded) {

    /** The service account's name when the declaration does not say it: {@value}{@code <tenant>}. */
    public static final String SERVICE_ACCOUNT_PREFIX = "flotilla-tenant-";

    /**
     * The namespaced kinds a tenant may declare when its declaration does not list them: workloads and what they
     * need inside a namespace, never what sets the namespace's limits (ResourceQuota, LimitRange, NetworkPolicy).
     */
    public static final List<String> DEFAULT_KINDS = List.of("Deployment", "StatefulSet", "ReplicaSet", "Pod",
            "Service", "ConfigMap", "Secret", "Ingress", "HorizontalPodAutoscaler", "Job", "CronJob",
            "ServiceAccount", "Role", "RoleBinding", "PodDisruptionBudget", "PersistentVolumeClaim");

    public TenantDeclaration {
        paths = List.copyOf(paths);
        namespaces = List.copyOf(namespaces);
        kinds = List.copyOf(kinds);
        serviceAccountByCluster = Map.copyOf(serviceAccountByCluster);
        quota = quota == null ? Map.of() : quota;
        limits = limits == null ? List.of() : limits;
    }

    /** Whether the tenant owns the declaring file (or folder) {@code path}. */
    public boolean owns(String path) {
        return paths.stream().anyMatch(glob -> glob.match(path).isPresent());
    }

    /** The tenant as its releases carry it to {@code cluster}. */
    public Tenant on(String cluster) {
        ServiceAccount account = Optional.ofNullable(serviceAccountByCluster.get(cluster)).orElse(serviceAccount);
        return new Tenant(name, namespaces, kinds, account.namespace(), account.name());
    }

    /** The namespaces given by name rather than by glob: those Flotilla sets limits in. */
    public List<String> namedNamespaces() {
        return namespaces.stream().filter(namespace -> !namespace.contains("*") && !namespace.contains("?")).toList();
    }

    public record ServiceAccount(String namespace, String name) {
    }
}
