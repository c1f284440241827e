package io.flotilla.applier.api;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.flotilla.applier.apply.InvalidObjectException;
import io.flotilla.applier.apply.ReleaseApply;
import io.flotilla.applier.apply.ReleaseDiff;
import io.flotilla.applier.cluster.ClusterUnreachableException;
import io.flotilla.applier.cluster.UnknownClusterException;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.prune.Inventory;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseKey;

/**
 * {@code GET /api/releases/{cluster}/{namespace}/{name}/diff}: what applying the release's newest rendering would
 * change on its cluster now ({@link ReleaseDiff}), without changing anything. An unknown release or cluster is 404,
 * a rendering with an object that cannot be applied 409, a cluster that does not answer 503.
 */
@Path("/api/releases/{cluster}/{namespace}/{name}/diff")
@Produces(MediaType.APPLICATION_JSON)
public class DiffResource {

    @Inject
    ReleaseScope scope;

    @Inject
    ReleaseHistory history;

    @Inject
    ReleaseApply apply;

    @GET
    public ReleaseDiff diff(@PathParam("cluster") String cluster, @PathParam("namespace") String namespace,
            @PathParam("name") String name) {
        ReleaseKey release = new ReleaseKey(cluster, namespace, name);
        scope.require(release);
        Optional<String> newest = history.desired(release);
        if (newest.isEmpty()) {
            throw Refusals.refused(Response.Status.NOT_FOUND, "release " + release + " is unknown to the applier");
        }
        DesiredRelease desired = DesiredRelease.decode(newest.get());
        List<ObjectRef> inventory = history.state(release).isEmpty() ? List.of()
                : Inventory.of(history.revisions(release));
        try {
            return apply.diff(desired, inventory);
        } catch (UnknownClusterException e) {
            throw Refusals.refused(Response.Status.NOT_FOUND, e.getMessage());
        } catch (InvalidObjectException e) {
            throw Refusals.refused(Response.Status.CONFLICT, release + ": " + e.getMessage());
        } catch (ClusterUnreachableException e) {
            throw Refusals.refused(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }
}
