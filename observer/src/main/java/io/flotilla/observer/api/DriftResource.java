package io.flotilla.observer.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.observer.drift.DriftRecords;
import io.smallrye.mutiny.Uni;

/** {@code GET /api/drift}: every release that differs from what Flotilla applied, with the differing fields. */
@Path("/api/drift")
@Produces(MediaType.APPLICATION_JSON)
public class DriftResource {

    private final DriftRecords records;

    public DriftResource(DriftRecords records) {
        this.records = records;
    }

    @GET
    public Uni<List<DriftRecords.DriftView>> list() {
        return records.all();
    }
}
