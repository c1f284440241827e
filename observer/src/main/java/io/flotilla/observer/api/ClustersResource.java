package io.flotilla.observer.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.events.ClusterState;
import io.flotilla.observer.inventory.ClusterStates;
import io.smallrye.mutiny.Uni;

/** {@code GET /api/clusters} and {@code /api/clusters/{name}}: the latest state of every cluster, or of one. */
@Path("/api/clusters")
@Produces(MediaType.APPLICATION_JSON)
public class ClustersResource {

    private final ClusterStates states;

    public ClustersResource(ClusterStates states) {
        this.states = states;
    }

    @GET
    public Uni<List<ClusterState>> list() {
        return states.all();
    }

    @GET
    @Path("/{name}")
    public Uni<ClusterState> one(@PathParam("name") String name) {
        return states.named(name).map(state -> state.orElseThrow(
                () -> new NotFoundException("no cluster named '" + name + "' has been observed")));
    }
}
