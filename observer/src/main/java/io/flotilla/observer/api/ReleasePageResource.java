package io.flotilla.observer.api;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.dashboard.ReleaseDetailPage;
import io.flotilla.observer.dashboard.ReleaseDetailReader;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /releases/{cluster}/{namespace}/{name}[?said=...]}: the dashboard's page of one release on one cluster;
 * {@code said} is what the applier answered the action the page just took ({@link ReleaseActionsResource}).
 */
@Path("/releases/{cluster}/{namespace}/{name}")
public class ReleasePageResource {

    private final ReleaseDetailReader releases;

    public ReleasePageResource(ReleaseDetailReader releases) {
        this.releases = releases;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> page(@PathParam("cluster") String cluster, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @QueryParam("said") String said) {
        ReleaseKey release;
        try {
            release = new ReleaseKey(cluster, namespace, name);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(Answers.said(Response.Status.BAD_REQUEST, e.getMessage()));
        }
        return releases.read(release).map(detail -> ReleaseDetailPage.render(detail.orElseThrow(
                () -> new NotFoundException(Answers.said(Response.Status.NOT_FOUND, "the observer has seen nothing of"
                        + " release " + release + ": no revision applied, rendered or drifted"))), said));
    }
}
