package io.flotilla.applier.api;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.flotilla.applier.reconcile.ReconcileSchedule;
import io.flotilla.applier.reconcile.RollbackRefusedException;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;

/**
 * {@code POST /api/releases/{cluster}/{namespace}/{name}/rollback} with {@code {"revision": N}}: rolls the release
 * back to revision N as {@code helm rollback} does, its recorded objects applied again as a new revision, "Rollback
 * to N", and answers that revision once it is recorded. An unknown release or revision is 404; a revision that kept
 * no objects (it was not Ready), or a cluster that does not answer, 409.
 */
@Path("/api/releases/{cluster}/{namespace}/{name}/rollback")
@Produces(MediaType.APPLICATION_JSON)
public class RollbackResource {

    /** How long a rollback is awaited before the answer says it still runs: its health wait may take minutes. */
    private static final long PATIENCE_MINUTES = 15;

    /** The revision to roll back to. */
    public record RollbackRequest(Integer revision) {
    }

    /** The revision the rollback recorded. */
    public record RolledBack(String release, int revision, Outcome outcome, String message) {
    }

    @Inject
    ReleaseScope scope;

    @Inject
    ReconcileSchedule schedule;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rollback(@PathParam("cluster") String cluster, @PathParam("namespace") String namespace,
            @PathParam("name") String name, RollbackRequest request) {
        if (request == null || request.revision() == null || request.revision() < 1) {
            throw Refusals.refused(Response.Status.BAD_REQUEST, "say which revision to roll back to: {\"revision\": N},"
                    + " N from 1");
        }
        ReleaseKey release = new ReleaseKey(cluster, namespace, name);
        scope.require(release);
        try {
            ReleaseApplied revision = schedule.rollback(release, request.revision())
                    .get(PATIENCE_MINUTES, TimeUnit.MINUTES);
            return Response.ok(new RolledBack(release.toString(), revision.revision(), revision.outcome(),
                    revision.error())).build();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RollbackRefusedException refused) {
                throw Refusals.refused(refused.unknown() ? Response.Status.NOT_FOUND : Response.Status.CONFLICT,
                        refused.getMessage());
            }
            throw Refusals.refused(Response.Status.SERVICE_UNAVAILABLE, "the rollback of " + release + " failed: "
                    + e.getCause().getMessage());
        } catch (TimeoutException e) {
            return Response.accepted().type(MediaType.TEXT_PLAIN).entity("the rollback of " + release + " still"
                    + " runs; its revision comes on the applied topic").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Refusals.refused(Response.Status.SERVICE_UNAVAILABLE, "interrupted while rolling back " + release);
        }
    }
}
