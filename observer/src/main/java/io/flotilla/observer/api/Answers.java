package io.flotilla.observer.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Answers the API gives when it refuses: the status and, in plain text, why, for the command line and for curl. */
final class Answers {

    private Answers() {
    }

    static Response said(Response.Status status, String why) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(why).build();
    }
}
