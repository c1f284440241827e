package io.flotilla.gitwatcher.webhook;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.flotilla.gitwatcher.sync.WatchedSources;
import io.smallrye.common.annotation.NonBlocking;

/**
 * {@code POST /hooks/generic}: any Git host, or a CI job, says "something was pushed". The fetch
 * starts in the background and the caller gets 202 at once; the body is not read.
 */
@Path("/hooks/generic")
public class GenericHookResource {

    private final WatchedSources sources;

    public GenericHookResource(WatchedSources sources) {
        this.sources = sources;
    }

    @POST
    @NonBlocking
    public Response pushed() {
        sources.fetchAll();
        return Response.accepted().build();
    }
}
