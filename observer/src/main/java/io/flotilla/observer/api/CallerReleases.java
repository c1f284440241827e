package io.flotilla.observer.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.release.Releases;
import io.flotilla.security.TenantScope;
import io.flotilla.security.quarkus.CallerScope;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Which releases the caller of a request may see ({@link CallerScope}): the platform team the whole fleet, a tenant's
 * member its tenants' releases only, by the tenant each release's rendering named. The security module's gate lets a
 * member call only the release paths and the overview ({@code flotilla.auth.member-paths}).
 */
@ApplicationScoped
public class CallerReleases {

    private final Releases releases;
    private final SecurityIdentity caller;

    public CallerReleases(Releases releases, SecurityIdentity caller) {
        this.releases = releases;
        this.caller = caller;
    }

    public TenantScope scope() {
        return CallerScope.of(caller);
    }

    /**
     * Refuses, as a release the observer never saw (404), a release outside the caller's tenants: a member learns
     * nothing of other tenants' releases.
     */
    public Uni<Void> require(ReleaseKey release) {
        TenantScope scope = scope();
        if (scope.wholeFleet()) {
            return Uni.createFrom().voidItem();
        }
        return releases.tenantsOf(List.of(release.toString())).map(tenants -> {
            if (!scope.sees(tenants.get(release.toString()))) {
                throw new NotFoundException(Answers.said(Response.Status.NOT_FOUND, "release " + release
                        + " is not among the releases of " + scope.describe()));
            }
            return null;
        });
    }
}
