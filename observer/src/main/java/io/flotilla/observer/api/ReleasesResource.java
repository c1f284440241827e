package io.flotilla.observer.api;

import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.release.ReleaseView;
import io.flotilla.observer.release.Releases;
import io.flotilla.observer.timeline.EventView;
import io.flotilla.observer.timeline.Timeline;
import io.flotilla.security.TenantScope;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/releases}: the releases on every cluster, ordered by cluster, namespace and name, filtered by
 * {@code cluster}, {@code namespace}, {@code status} and {@code tenant}; and the history of one release. A tenant's
 * member gets its tenants' releases only ({@link CallerReleases}).
 */
@Path("/api/releases")
@Produces(MediaType.APPLICATION_JSON)
public class ReleasesResource {

    private final Releases releases;
    private final Timeline timeline;
    private final CallerReleases caller;

    public ReleasesResource(Releases releases, Timeline timeline, CallerReleases caller) {
        this.releases = releases;
        this.timeline = timeline;
        this.caller = caller;
    }

    @GET
    public Uni<List<ReleaseView>> list(@QueryParam("cluster") String cluster, @QueryParam("namespace") String namespace,
            @QueryParam("status") String status, @QueryParam("tenant") String tenant) {
        String onCluster = blankAsNull(cluster);
        String inNamespace = blankAsNull(namespace);
        Outcome withStatus = outcome(status);
        String ofTenant = blankAsNull(tenant);
        TenantScope scope = caller.scope();
        return releases.viewsMatching(onCluster, inNamespace, withStatus, ofTenant)
                .map(all -> scope.wholeFleet() ? all : all.stream().filter(release -> scope.sees(release.tenant()))
                        .toList());
    }

    /** Every event about one release (rendered, applied, drift), newest first. */
    @GET
    @Path("/{cluster}/{namespace}/{name}/history")
    public Uni<List<EventView>> history(@PathParam("cluster") String cluster,
            @PathParam("namespace") String namespace, @PathParam("name") String name) {
        ReleaseKey release = new ReleaseKey(cluster, namespace, name);
        return caller.require(release).chain(() -> timeline.ofKey(release.toString(), EventsResource.MAX_LIMIT))
                .map(events -> events.stream().map(EventView::of).toList());
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Outcome outcome(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return Outcome.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("status must be one of " + Arrays.toString(Outcome.values()) + ", was '"
                    + status + "'");
        }
    }
}
