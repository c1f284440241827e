package io.flotilla.observer.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.flotilla.observer.dashboard.ClusterDetailPage;
import io.flotilla.observer.dashboard.ClusterDetailReader;
import io.smallrye.mutiny.Uni;

/** {@code GET /clusters/{name}}: the dashboard's page of one registered cluster. */
@Path("/clusters/{name}")
public class ClusterPageResource {

    private final ClusterDetailReader clusters;

    public ClusterPageResource(ClusterDetailReader clusters) {
        this.clusters = clusters;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> page(@PathParam("name") String name) {
        return clusters.read(name).map(detail -> ClusterDetailPage.render(detail.orElseThrow(
                () -> new NotFoundException(Answers.said(Response.Status.NOT_FOUND, "no cluster named '" + name
                        + "' is registered")))));
    }
}
