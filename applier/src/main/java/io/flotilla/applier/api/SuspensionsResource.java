package io.flotilla.applier.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.history.SuspendedRelease;
import io.flotilla.applier.history.Suspension;
import io.flotilla.applier.reconcile.ReconcileSchedule;
import io.flotilla.events.ReleaseKey;

/**
 * Suspending releases by hand, as {@code flux suspend}: a suspended release is not applied, its drift not corrected,
 * and the renderings that come meanwhile are kept; resuming it applies the newest at once.
 * <ul>
 * <li>{@code POST /api/releases/{cluster}/{namespace}/{name}/suspend} with {@code {"by": "alice", "reason": "..."}}
 * and {@code POST .../resume};</li>
 * <li>{@code POST /api/clusters/{cluster}/suspend} (the same body) and {@code .../resume}: every release the applier
 * has on the cluster;</li>
 * <li>{@code GET /api/suspensions[?cluster=]}: the releases suspended now, with who, when and why.</li>
 * </ul>
 * Each change is reconciled at once: a suspension is recorded as a {@code Suspended} revision whose message says
 * who, when and why, which the applied topic carries to the observer and its dashboard.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class SuspensionsResource {

    /** Who suspends, and why (optional). */
    public record SuspendRequest(String by, String reason) {
    }

    /** A release suspended by hand, as the API shows it; {@code release} is {@code cluster/namespace/name}. */
    public record SuspendedEntry(String release, String by, Instant at, String reason) {

        static SuspendedEntry of(ReleaseKey release, Suspension suspension) {
            return new SuspendedEntry(release.toString(), suspension.by(), suspension.at(), suspension.reason());
        }
    }

    @Inject
    ReleaseScope scope;

    @Inject
    ReleaseHistory history;

    @Inject
    ReconcileSchedule schedule;

    @GET
    @Path("/suspensions")
    public List<SuspendedEntry> suspensions(@QueryParam("cluster") String cluster) {
        return history.suspended(cluster).stream()
                .map(suspended -> SuspendedEntry.of(suspended.release(), suspended.suspension())).toList();
    }

    @POST
    @Path("/releases/{cluster}/{namespace}/{name}/suspend")
    @Consumes(MediaType.APPLICATION_JSON)
    public SuspendedEntry suspend(@PathParam("cluster") String cluster, @PathParam("namespace") String namespace,
            @PathParam("name") String name, SuspendRequest request) {
        ReleaseKey release = new ReleaseKey(cluster, namespace, name);
        scope.require(release);
        Suspension suspension = suspension(request);
        if (!history.suspend(release, suspension)) {
            throw Refusals.refused(Response.Status.NOT_FOUND, unknown(release));
        }
        schedule.request(release);
        return SuspendedEntry.of(release, suspension);
    }

    @POST
    @Path("/releases/{cluster}/{namespace}/{name}/resume")
    public SuspendedEntry resume(@PathParam("cluster") String cluster, @PathParam("namespace") String namespace,
            @PathParam("name") String name) {
        ReleaseKey release = new ReleaseKey(cluster, namespace, name);
        scope.require(release);
        Optional<Suspension> ended = history.resume(release);
        if (ended.isEmpty()) {
            throw history.state(release).isEmpty() ? Refusals.refused(Response.Status.NOT_FOUND, unknown(release))
                    : Refusals.refused(Response.Status.CONFLICT, "release " + release + " is not suspended");
        }
        schedule.request(release);
        return SuspendedEntry.of(release, ended.get());
    }

    @POST
    @Path("/clusters/{cluster}/suspend")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<SuspendedEntry> suspendCluster(@PathParam("cluster") String cluster, SuspendRequest request) {
        Suspension suspension = suspension(request);
        List<ReleaseKey> releases = releasesOf(cluster);
        List<ReleaseKey> suspended = releases.stream().filter(release -> history.suspend(release, suspension))
                .toList();
        suspended.forEach(schedule::request);
        return suspended.stream().map(release -> SuspendedEntry.of(release, suspension)).toList();
    }

    @POST
    @Path("/clusters/{cluster}/resume")
    public List<SuspendedEntry> resumeCluster(@PathParam("cluster") String cluster) {
        if (history.releases(cluster).isEmpty()) {
            throw Refusals.refused(Response.Status.NOT_FOUND, unknownCluster(cluster));
        }
        return history.suspended(cluster).stream().map(SuspendedRelease::release)
                .flatMap(release -> history.resume(release).map(ended -> {
                    schedule.request(release);
                    return SuspendedEntry.of(release, ended);
                }).stream())
                .toList();
    }

    private List<ReleaseKey> releasesOf(String cluster) {
        List<ReleaseKey> releases = history.releases(cluster);
        if (releases.isEmpty()) {
            throw Refusals.refused(Response.Status.NOT_FOUND, unknownCluster(cluster));
        }
        return releases;
    }

    private static Suspension suspension(SuspendRequest request) {
        if (request == null || request.by() == null || request.by().isBlank()) {
            throw Refusals.refused(Response.Status.BAD_REQUEST, "say who suspends: {\"by\": \"name\", \"reason\":"
                    + " \"why\"}");
        }
        return new Suspension(request.by().strip(), Instant.now(),
                request.reason() == null || request.reason().isBlank() ? null : request.reason().strip());
    }

    private static String unknownCluster(String cluster) {
        return "the applier has no release on cluster '" + cluster + "'";
    }

    private static String unknown(ReleaseKey release) {
        return "release " + release + " is unknown to the applier";
    }
}
