package io.flotilla.observer.api;

import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.flotilla.observer.deadletter.DeadLetterView;
import io.flotilla.observer.deadletter.DeadLetters;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/dead-letters}: the records services could never process, newest first, at most {@code limit};
 * {@code POST /api/dead-letters/{id}/replay}: puts one back on the topic it came from, with its key and headers.
 */
@Path("/api/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

    private final DeadLetters letters;

    public DeadLettersResource(DeadLetters letters) {
        this.letters = letters;
    }

    @GET
    public Uni<List<DeadLetterView>> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > EventsResource.MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + EventsResource.MAX_LIMIT + ", was " + limit);
        }
        return letters.latest(limit);
    }

    /** 404 for an unknown letter, 409 for one replayed already or that does not say where it came from. */
    @POST
    @Path("/{id}/replay")
    public Uni<DeadLetterView> replay(@PathParam("id") String id) {
        return letters.replay(id)
                .onFailure(DeadLetters.NotReplayable.class)
                .transform(e -> new ClientErrorException(Answers.said(Response.Status.CONFLICT, e.getMessage())))
                .map(letter -> letter.orElseThrow(() -> new NotFoundException(Answers.said(Response.Status.NOT_FOUND,
                        "no dead letter " + id))));
    }
}
