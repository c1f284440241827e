package io.flotilla.observer.api;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.dashboard.ReleaseDetailPage;
import io.flotilla.observer.dashboard.ReleaseDetailReader;
import io.flotilla.observer.dashboard.ReleasePageStream;
import io.flotilla.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /releases/{cluster}/{namespace}/{name}[?said=...]}: the dashboard's page of one release on one cluster;
 * {@code said} is what the applier answered the action the page just took ({@link ReleaseActionsResource}); and what
 * that page follows while it is open ({@code .../live}). A tenant's member sees its tenants' releases only.
 */
@Path("/releases/{cluster}/{namespace}/{name}")
public class ReleasePageResource {

    private final ReleaseDetailReader releases;
    private final ReleasePageStream stream;
    private final SecurityIdentity caller;
    private final CallerReleases scope;

    public ReleasePageResource(ReleaseDetailReader releases, ReleasePageStream stream, SecurityIdentity caller,
            CallerReleases scope) {
        this.releases = releases;
        this.stream = stream;
        this.caller = caller;
        this.scope = scope;
    }

    /**
     * {@code GET .../live?since=N}, Server-Sent Events: what the open page follows, the name of each change (an
     * event about the release, or {@code TreeChanged}); {@code since} is what the page says it drew its tree from.
     */
    @GET
    @Path("/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> live(@PathParam("cluster") String cluster, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @QueryParam("since") @DefaultValue("-1") long since) {
        ReleaseKey release = key(cluster, namespace, name);
        return scope.require(release).onItem().transformToMulti(known -> stream.follow(release, since));
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> page(@PathParam("cluster") String cluster, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @QueryParam("said") String said) {
        ReleaseKey release = key(cluster, namespace, name);
        boolean mayAct = caller.hasRole(Role.OPERATOR.id());
        return scope.require(release).chain(() -> releases.read(release)).map(detail -> ReleaseDetailPage.render(
                detail.orElseThrow(() -> new NotFoundException(Answers.said(Response.Status.NOT_FOUND,
                        "the observer has seen nothing of release " + release
                                + ": no revision applied, rendered or drifted"))), said, mayAct));
    }

    private static ReleaseKey key(String cluster, String namespace, String name) {
        try {
            return new ReleaseKey(cluster, namespace, name);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(Answers.said(Response.Status.BAD_REQUEST, e.getMessage()));
        }
    }
}
