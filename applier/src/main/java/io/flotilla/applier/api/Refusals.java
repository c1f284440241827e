package io.flotilla.applier.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The API's refusals: the status and, in plain text, why, as the command line and curl show it. */
final class Refusals {

    private Refusals() {
    }

    static WebApplicationException refused(Response.Status status, String why) {
        return new WebApplicationException(Response.status(status).type(MediaType.TEXT_PLAIN).entity(why).build());
    }
}
