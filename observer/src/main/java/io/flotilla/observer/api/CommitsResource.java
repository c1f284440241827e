package io.flotilla.observer.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.observer.commit.CommitJourney;
import io.flotilla.observer.commit.CommitJourneys;
import io.smallrye.mutiny.Uni;

/** {@code GET /api/commits/{sha}}: what the commit did on every cluster, per repository that has it. */
@Path("/api/commits/{sha}")
@Produces(MediaType.APPLICATION_JSON)
public class CommitsResource {

    private final CommitJourneys journeys;

    public CommitsResource(CommitJourneys journeys) {
        this.journeys = journeys;
    }

    @GET
    public Uni<List<CommitJourney>> journeys(@PathParam("sha") String sha) {
        return journeys.of(sha).invoke(found -> {
            if (found.isEmpty()) {
                throw new NotFoundException("no commit " + sha + " has been detected");
            }
        });
    }
}
