package io.flotilla.observer.api;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.flotilla.observer.dashboard.Dashboard;
import io.flotilla.observer.dashboard.DashboardPage;
import io.flotilla.observer.dashboard.DashboardReader;
import io.flotilla.observer.dashboard.MatrixFilter;
import io.flotilla.observer.fleet.LabelSelector;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /}: the fleet overview; {@code selector} (labels, {@code env=prod,region=eu}) chooses the clusters and
 * {@code group} the label whose values group them; {@code page}, {@code release} (a text the release names contain),
 * {@code namespace} and {@code status} (an outcome, or {@code Drifted}) the rows of the release matrix; {@code commit}
 * a commit whose journey is shown.
 */
@Path("/")
public class DashboardResource {

    private final DashboardReader dashboard;

    public DashboardResource(DashboardReader dashboard) {
        this.dashboard = dashboard;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> page(@QueryParam("page") @DefaultValue("1") int page, @QueryParam("release") String release,
            @QueryParam("namespace") String namespace, @QueryParam("tenant") String tenant,
            @QueryParam("status") String status, @QueryParam("commit") String commit, @QueryParam("selector") String selector,
            @QueryParam("group") String group) {
        if (page < 1) {
            throw new BadRequestException("page counts from 1, was " + page);
        }
        LabelSelector clusters;
        MatrixFilter filter;
        try {
            clusters = LabelSelector.parse(selector);
            filter = new MatrixFilter(release, namespace, tenant, status);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(Answers.said(Response.Status.BAD_REQUEST, e.getMessage()));
        }
        return dashboard.read(page, filter, commit, clusters,
                group == null || group.isBlank() ? Dashboard.DEFAULT_GROUP : group.trim()).map(DashboardPage::render);
    }
}
