package io.flotilla.observer.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.flotilla.observer.dashboard.PreviewPages;
import io.flotilla.observer.preview.Previews;
import io.smallrye.mutiny.Uni;

/** {@code GET /previews}: the dashboard's list of previews; {@code GET /previews/{id}}: one preview's page. */
@Path("/previews")
public class PreviewPagesResource {

    private final Previews previews;

    public PreviewPagesResource(Previews previews) {
        this.previews = previews;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> list() {
        return previews.all().map(PreviewPages::list);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> page(@PathParam("id") String id) {
        return previews.find(id).map(found -> PreviewPages.page(found.orElseThrow(() -> new NotFoundException(
                Answers.said(Response.Status.NOT_FOUND, "no preview has the id '" + id + "'")))));
    }
}
