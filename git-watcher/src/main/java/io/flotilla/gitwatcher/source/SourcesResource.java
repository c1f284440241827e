package io.flotilla.gitwatcher.source;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.gitwatcher.sync.WatchedSources;

/** {@code GET /api/sources}: every watched source, its last emitted commit and its last fetch. */
@Path("/api/sources")
public class SourcesResource {

    private final WatchedSources sources;

    public SourcesResource(WatchedSources sources) {
        this.sources = sources;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<SourceStatus> list() {
        return sources.statuses();
    }
}
