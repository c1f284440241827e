package io.flotilla.events;

import java.util.List;

/**
 * A tenant as one of its releases carries it to one cluster: what the release may use there, and who it is applied
 * as. Declared by the platform team in the fleet repository's targeting file, never by the tenant; the applier
 * refuses a rendering that goes beyond it, and applies the rest as the tenant's service account, so that the
 * cluster's own RBAC holds too.
 *
 * @param name                    the tenant's name
 * @param namespaces              the namespaces its objects may be in: names, or globs where {@code *} stands for any
 *                                characters and {@code ?} for one
 * @param kinds                   the namespaced kinds it may declare: {@code Kind} (in any API group) or
 *                                {@code Kind.group} (in that group only)
 * @param serviceAccountNamespace the namespace of the service account its releases are applied as on this cluster
 * @param serviceAccountName      that service account's name
 */
public record Tenant(String name, List<String> namespaces, List<String> kinds, String serviceAccountNamespace,
        String serviceAccountName) {

    public Tenant {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
    }

    /** The user the cluster knows the tenant's service account as, which the applier impersonates. */
    public String user() {
        return "system:serviceaccount:" + serviceAccountNamespace + ":" + serviceAccountName;
    }
}
