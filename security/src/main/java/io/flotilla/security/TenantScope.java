package io.flotilla.security;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which releases a caller may see and act on: the whole fleet (the platform team, every caller not made a tenant's
 * member), or the releases of the tenants the caller is a member of (an API token given {@code tenants}, an OpenID
 * Connect group mapped to a tenant). A release of the platform team (declared outside every tenant's folders, tenant
 * {@code null}) is not any tenant's.
 *
 * @param tenants the tenants' names; empty for the whole fleet
 */
public record TenantScope(Set<String> tenants) {

    /** The platform team's: every release. */
    public static final TenantScope WHOLE_FLEET = new TenantScope(Set.of());

    public TenantScope {
        tenants = Set.copyOf(new TreeSet<>(tenants));
    }

    public boolean wholeFleet() {
        return tenants.isEmpty();
    }

    /** Whether a release of {@code tenant} (null for the platform team's) is within the scope. */
    public boolean sees(String tenant) {
        return wholeFleet() || tenant != null && tenants.contains(tenant);
    }

    /** {@code the whole fleet}, or {@code tenant team-a} / {@code tenants team-a, team-b}, as refusals say it. */
    public String describe() {
        if (wholeFleet()) {
            return "the whole fleet";
        }
        return (tenants.size() == 1 ? "tenant " : "tenants ") + String.join(", ", new TreeSet<>(tenants));
    }
}
