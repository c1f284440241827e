package io.flotilla.applier.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.flotilla.applier.reconcile.ReconcileSchedule;
import io.flotilla.events.ReleaseKey;

/**
 * Reconcile on demand: one release ({@code {"release": "cluster/namespace/name"}}), every release of a cluster
 * ({@code {"cluster": "dev"}}) or the whole fleet ({@code {"all": true}}). The releases are queued on their
 * clusters and the answer, 202, says how many; each one's outcome comes on the applied topic.
 */
@Path("/api/reconcile")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReconcileResource {

    /** What to reconcile: exactly one of the three. */
    public record Request(String release, String cluster, Boolean all) {
    }

    /** How many releases were queued. */
    public record Queued(int queued) {
    }

    @Inject
    ReleaseScope scope;

    @Inject
    ReconcileSchedule schedule;

    @POST
    public Response reconcile(Request request) {
        if (request == null) {
            throw new BadRequestException("say what to reconcile: {\"release\": \"cluster/namespace/name\"}, "
                    + "{\"cluster\": \"name\"} or {\"all\": true}");
        }
        int asked = (request.release() == null ? 0 : 1) + (request.cluster() == null ? 0 : 1)
                + (Boolean.TRUE.equals(request.all()) ? 1 : 0);
        if (asked != 1) {
            throw new BadRequestException("give exactly one of release, cluster and all; got " + asked);
        }
        int queued;
        if (request.release() != null) {
            ReleaseKey release;
            try {
                release = ReleaseKey.parse(request.release());
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(e.getMessage());
            }
            scope.require(release);
            queued = schedule.request(release);
        } else {
            scope.requireWholeFleet(request.cluster() == null ? "reconciling the whole fleet"
                    : "reconciling every release of cluster " + request.cluster());
            queued = schedule.requestAll(request.cluster());
        }
        return Response.accepted(new Queued(queued)).build();
    }
}
