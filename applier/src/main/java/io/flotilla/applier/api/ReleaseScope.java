package io.flotilla.applier.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.Tenant;
import io.flotilla.security.TenantScope;
import io.flotilla.security.quarkus.CallerScope;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Which releases the caller of a request may see and act on ({@link CallerScope}): the platform team the whole fleet,
 * a tenant's member its tenants' releases only, by the tenant of the release's newest rendering. The security
 * module's gate already lets a member call only the release paths ({@code flotilla.auth.member-paths}).
 */
@ApplicationScoped
public class ReleaseScope {

    private final ReleaseHistory history;
    private final SecurityIdentity caller;

    public ReleaseScope(ReleaseHistory history, SecurityIdentity caller) {
        this.history = history;
        this.caller = caller;
    }

    /**
     * Refuses, as the applier refuses a release it does not know (404), a release outside the caller's tenants: a
     * member learns nothing of other tenants' releases.
     */
    public void require(ReleaseKey release) {
        TenantScope scope = CallerScope.of(caller);
        if (scope.wholeFleet()) {
            return;
        }
        String tenant = history.desired(release).map(DesiredRelease::decode).map(DesiredRelease::tenant)
                .map(Tenant::name).orElse(null);
        if (!scope.sees(tenant)) {
            throw Refusals.refused(Response.Status.NOT_FOUND, "release " + release + " is not among the releases of "
                    + scope.describe());
        }
    }

    /** Refuses (403) to a tenant's member what acts on releases beyond one at a time: a cluster's, the fleet's. */
    public void requireWholeFleet(String what) {
        TenantScope scope = CallerScope.of(caller);
        if (!scope.wholeFleet()) {
            throw Refusals.refused(Response.Status.FORBIDDEN, caller.getPrincipal().getName() + " is a member of "
                    + scope.describe() + " and acts on its releases one at a time; " + what
                    + " is the platform team's");
        }
    }
}
