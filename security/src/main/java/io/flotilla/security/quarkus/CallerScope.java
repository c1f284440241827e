package io.flotilla.security.quarkus;

import java.util.Set;

import io.flotilla.security.TenantScope;
import io.quarkus.security.identity.SecurityIdentity;

/** The releases a caller may see and act on, as its identity says: the whole fleet, or its tenants' releases. */
public final class CallerScope {

    /** The attribute holding the tenants a caller is a member of: a {@code Set<String>}, empty for none. */
    public static final String TENANTS = "flotilla.tenants";

    private CallerScope() {
    }

    public static TenantScope of(SecurityIdentity caller) {
        Set<String> tenants = caller == null ? null : caller.getAttribute(TENANTS);
        return tenants == null ? TenantScope.WHOLE_FLEET : new TenantScope(tenants);
    }
}
