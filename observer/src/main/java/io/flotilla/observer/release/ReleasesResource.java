package io.flotilla.observer.release;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/** {@code GET /api/releases}: every release on every cluster, ordered by cluster, namespace and name. */
@Path("/api/releases")
@Produces(MediaType.APPLICATION_JSON)
public class ReleasesResource {

    private final Releases releases;

    public ReleasesResource(Releases releases) {
        this.releases = releases;
    }

    @GET
    public Uni<List<ReleaseView>> list() {
        return releases.all().map(all -> all.stream().map(ReleaseView::of).toList());
    }

    /** One release as the API shows it; {@code status} is {@code Ready} or {@code Failed}, {@code message} the error. */
    public record ReleaseView(String cluster, String namespace, String name, int revision, String status, String chart,
            String chartVersion, String sourceSha, Instant appliedAt, String message) {

        static ReleaseView of(ReleaseStatus release) {
            return new ReleaseView(release.cluster, release.namespace, release.name, release.revision,
                    release.status.name(), release.chart, release.chartVersion, release.sourceSha, release.appliedAt,
                    release.message);
        }
    }
}
