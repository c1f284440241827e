package io.flotilla.observer.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.observer.timeline.Timeline;
import io.smallrye.mutiny.Uni;
import io.flotilla.observer.commit.CommitJourney;

/** {@code GET /api/commits/{sha}}: what the commit did on every cluster, per repository that has it. */
@Path("/api/commits/{sha}")
@Produces(MediaType.APPLICATION_JSON)
public class CommitsResource {

    private final Timeline timeline;

    public CommitsResource(Timeline timeline) {
        this.timeline = timeline;
    }

    @GET
    public Uni<List<CommitJourney>> journeys(@PathParam("sha") String sha) {
        return timeline.commits(sha).chain(commits -> {
            if (commits.isEmpty()) {
                return Uni.createFrom().failure(new NotFoundException("no commit " + sha + " has been detected"));
            }
            return Uni.join().all(commits.stream()
                    .map(commit -> timeline.journey(commit.correlationId).map(CommitJourney::of)).toList())
                    .andFailFast();
        });
    }
}
