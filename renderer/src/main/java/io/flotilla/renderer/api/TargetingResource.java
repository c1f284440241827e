package io.flotilla.renderer.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.renderer.render.CommitRenderer;
import io.flotilla.renderer.targeting.TargetingReport;

/**
 * {@code GET /api/targeting}: for each repository rendered, its targeting file's entries with the clusters each
 * selects now, why the file cannot be used when it cannot, and the releases that go to no cluster.
 */
@Path("/api/targeting")
@Produces(MediaType.APPLICATION_JSON)
public class TargetingResource {

    private final CommitRenderer renderer;

    public TargetingResource(CommitRenderer renderer) {
        this.renderer = renderer;
    }

    @GET
    public List<TargetingReport> list() {
        return renderer.targetingReports();
    }
}
