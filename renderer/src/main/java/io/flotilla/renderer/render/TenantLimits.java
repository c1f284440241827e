package io.flotilla.renderer.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.renderer.release.DeclaredRelease;
import io.flotilla.renderer.targeting.TargetingFile;
import io.flotilla.renderer.targeting.TenantDeclaration;

/**
 * What the platform team's tenant declarations set in each namespace a tenant is given by name: the namespace itself
 * (labelled with the tenant, and kept when the tenant goes, as it holds the tenant's workloads), a ResourceQuota and
 * a LimitRange when the declaration has them, and a default NetworkPolicy that lets in only the namespace's own pods.
 * One release per tenant, {@code tenant-<name>} in its service account's namespace, declared by the targeting file:
 * a release of the platform team, owned by Flotilla like any other, so what it applied is pruned when the tenant's
 * declaration changes or goes.
 */
final class TenantLimits {

    static final String RELEASE_PREFIX = "tenant-";
    static final String TENANT_LABEL = "flotilla.io/tenant";

    private TenantLimits() {
    }

    static List<DeclaredRelease> of(List<TenantDeclaration> tenants) {
        List<DeclaredRelease> releases = new ArrayList<>();
        for (TenantDeclaration tenant : tenants) {
            List<Map<String, Object>> objects = new ArrayList<>();
            for (String namespace : tenant.namedNamespaces()) {
                objects.addAll(objectsIn(tenant, namespace));
            }
            if (!objects.isEmpty()) {
                releases.add(new DeclaredRelease(ReleaseFormat.MANIFESTS, tenant.serviceAccount().namespace(),
                        RELEASE_PREFIX + tenant.name(), TargetingFile.NAME, "",
                        new DeclaredRelease.Manifests(objects, ReleaseOptions.DEFAULTS)));
            }
        }
        return releases;
    }

    private static List<Map<String, Object>> objectsIn(TenantDeclaration tenant, String namespace) {
        List<Map<String, Object>> objects = new ArrayList<>();
        Map<String, Object> namespaceObject = object("v1", "Namespace", namespace, null);
        metadata(namespaceObject).put("labels", Map.of(TENANT_LABEL, tenant.name()));
        metadata(namespaceObject).put("annotations", Map.of("helm.sh/resource-policy", "keep"));
        objects.add(namespaceObject);
        if (!tenant.quota().isEmpty()) {
            Map<String, Object> quota = object("v1", "ResourceQuota", "tenant-quota", namespace);
            quota.put("spec", Map.of("hard", tenant.quota()));
            objects.add(quota);
        }
        if (!tenant.limits().isEmpty()) {
            Map<String, Object> limits = object("v1", "LimitRange", "tenant-limits", namespace);
            limits.put("spec", Map.of("limits", tenant.limits()));
            objects.add(limits);
        }
        if (tenant.guarded()) {
            Map<String, Object> policy = object("networking.k8s.io/v1", "NetworkPolicy", "tenant-default", namespace);
            policy.put("spec", Map.of("podSelector", Map.of(), "policyTypes", List.of("Ingress"),
                    "ingress", List.of(Map.of("from", List.of(Map.of("podSelector", Map.of()))))));
            objects.add(policy);
        }
        return objects;
    }

    private static Map<String, Object> object(String apiVersion, String kind, String name, String namespace) {
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> object) {
        return (Map<String, Object>) object.get("metadata");
    }
}
