package io.flotilla.observer.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.observer.rollout.HeldRolloutView;
import io.flotilla.observer.rollout.HeldRollouts;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/rollouts}: every release held or halted at a wave gate, as the applier's {@code RolloutHeld}
 * events tell, with the cluster it waits for; by cluster, namespace and name. (Resuming is the applier's API.)
 */
@Path("/api/rollouts")
@Produces(MediaType.APPLICATION_JSON)
public class RolloutsResource {

    private final HeldRollouts rollouts;

    public RolloutsResource(HeldRollouts rollouts) {
        this.rollouts = rollouts;
    }

    @GET
    public Uni<List<HeldRolloutView>> list() {
        return rollouts.all();
    }
}
