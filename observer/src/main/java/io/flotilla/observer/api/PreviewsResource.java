package io.flotilla.observer.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.flotilla.observer.preview.PreviewDetail;
import io.flotilla.observer.preview.PreviewView;
import io.flotilla.observer.preview.Previews;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/previews}: every pull request and branch previewed, newest first, with its commit, state and how many
 * releases change, are refused, break their tenant's rules or do not render; {@code GET /api/previews/{id}}: one of
 * them per cluster, each release's objects with the fields that change, refusals with the API server's reasons,
 * tenancy violations and render errors.
 */
@Path("/api/previews")
@Produces(MediaType.APPLICATION_JSON)
public class PreviewsResource {

    private final Previews previews;

    public PreviewsResource(Previews previews) {
        this.previews = previews;
    }

    @GET
    public Uni<List<PreviewView>> list() {
        return previews.all().map(all -> all.stream().map(PreviewView::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<PreviewDetail> preview(@PathParam("id") String id) {
        return previews.find(id).map(found -> found.map(PreviewDetail::of).orElseThrow(() -> new NotFoundException(
                Answers.said(Response.Status.NOT_FOUND, "no preview has the id '" + id
                        + "' (GET /api/previews lists them)"))));
    }
}
