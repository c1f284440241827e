package io.flotilla.observer.dashboard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.observer.drift.DriftRecords;
import io.flotilla.observer.inventory.ClusterStates;
import io.flotilla.observer.release.Releases;
import io.smallrye.mutiny.Uni;

/** {@code GET /}: the fleet dashboard. */
@Path("/")
public class DashboardResource {

    private final ClusterStates clusters;
    private final Releases releases;
    private final DriftRecords drifts;

    public DashboardResource(ClusterStates clusters, Releases releases, DriftRecords drifts) {
        this.clusters = clusters;
        this.releases = releases;
        this.drifts = drifts;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> page() {
        // One after the other: the reads share the request's database session, which takes one query at a time.
        return clusters.all().chain(states -> releases.all().chain(all -> drifts.all()
                .map(drifted -> DashboardPage.render(states, all, drifted))));
    }
}
