package io.flotilla.observer.api;

import java.util.List;

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
import io.flotilla.observer.dashboard.TenantOverviewPage;
import io.flotilla.observer.fleet.LabelSelector;
import io.flotilla.observer.release.Releases;
import io.flotilla.security.TenantScope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /}: the fleet overview; {@code selector} (labels, {@code env=prod,region=eu}) chooses the clusters and
 * {@code group} the label whose values group them; {@code page}, {@code release} (a text the release names contain),
 * {@code namespace} and {@code status} (an outcome, or {@code Drifted}) the rows of the release matrix; {@code commit}
 * a commit whose journey is shown. A tenant's member gets its tenants' releases instead ({@link TenantOverviewPage}).
 */
@Path("/")
public class DashboardResource {

    private final DashboardReader dashboard;
    private final Releases releases;
    private final CallerReleases caller;

    public DashboardResource(DashboardReader dashboard, Releases releases, CallerReleases caller) {
        this.dashboard = dashboard;
        this.releases = releases;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> page(@QueryParam("page") @DefaultValue("1") int page, @QueryParam("release") String release,
            @QueryParam("namespace") String namespace, @QueryParam("tenant") String tenant,
            @QueryParam("status") String status, @QueryParam("commit") String commit, @QueryParam("selector") String selector,
            @QueryParam("group") String group) {
        TenantScope scope = caller.scope();
        if (!scope.wholeFleet()) {
            return Multi.createFrom().iterable(scope.tenants())
                    .onItem().transformToUniAndConcatenate(member -> releases.matching(null, null, null, member))
                    .collect().asList()
                    .map(lists -> TenantOverviewPage.render(scope, lists.stream().flatMap(List::stream).toList()));
        }
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
