package io.flotilla.observer.api;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.observer.dashboard.DashboardPage;
import io.flotilla.observer.dashboard.DashboardReader;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /}: the fleet dashboard; {@code page} and {@code release} (a text the release names contain) choose
 * the rows of the release matrix, {@code commit} a commit whose journey is shown.
 */
@Path("/")
public class DashboardResource {

    private final DashboardReader dashboard;

    public DashboardResource(DashboardReader dashboard) {
        this.dashboard = dashboard;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> page(@QueryParam("page") @DefaultValue("1") int page, @QueryParam("release") String filter,
            @QueryParam("commit") String commit) {
        if (page < 1) {
            throw new BadRequestException("page counts from 1, was " + page);
        }
        return dashboard.read(page, filter, commit).map(DashboardPage::render);
    }
}
