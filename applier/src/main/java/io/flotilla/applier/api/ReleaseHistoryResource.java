package io.flotilla.applier.api;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.applier.history.Attempt;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.history.Revision;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;

/** The revisions of one release on one cluster, oldest first, as this applier recorded them. */
@Path("/api/releases/{cluster}/{namespace}/{name}/history")
@Produces(MediaType.APPLICATION_JSON)
public class ReleaseHistoryResource {

    /** One revision as the API shows it. */
    public record RevisionEntry(int revision, Outcome outcome, String sourceSha, String sourceFile, String chart,
            String chartVersion, String inputDigest, String message, List<ObjectResult> objects, Instant appliedAt,
            long durationMs) {

        static RevisionEntry of(Revision revision) {
            Attempt attempt = revision.attempt();
            return new RevisionEntry(revision.number(), attempt.outcome(), attempt.sourceSha(), attempt.sourceFile(),
                    attempt.chartName(), attempt.chartVersion(), attempt.inputDigest(), attempt.message(),
                    attempt.objects(), attempt.appliedAt(), attempt.durationMs());
        }
    }

    @Inject
    ReleaseScope scope;

    @Inject
    ReleaseHistory history;

    @GET
    public List<RevisionEntry> history(@PathParam("cluster") String cluster, @PathParam("namespace") String namespace,
            @PathParam("name") String name) {
        ReleaseKey release = new ReleaseKey(cluster, namespace, name);
        scope.require(release);
        List<Revision> revisions = history.revisions(release);
        if (revisions.isEmpty()) {
            throw new NotFoundException("no revision of release " + release + " was recorded by this applier");
        }
        return revisions.stream().map(RevisionEntry::of).toList();
    }
}
