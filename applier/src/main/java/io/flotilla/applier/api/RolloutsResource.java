package io.flotilla.applier.api;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.applier.history.HeldRelease;
import io.flotilla.applier.history.Hold;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.reconcile.ReconcileSchedule;
import io.flotilla.applier.rollout.ResumeSelection;
import io.flotilla.events.ReleaseKey;

/**
 * Rollouts in waves: {@code GET /api/rollouts} lists the renderings held at their wave gate, halted or waiting;
 * {@code POST /api/rollouts/resume} with {@code {"release": "namespace/name", "cluster": "prod-eu"}} (either, both,
 * or neither for every halted one) forces the gate open for the renderings held now, which are then reconciled at
 * once. A later rendering meets the gate again.
 */
@Path("/api/rollouts")
@Produces(MediaType.APPLICATION_JSON)
public class RolloutsResource {

    /** A rendering held at its wave gate, as the API shows it. */
    public record HeldRollout(String release, String cluster, String rollout, int wave, String waveName,
            boolean halted, String blockingCluster, String reason, long commitOrder, Instant since) {

        static HeldRollout of(HeldRelease held) {
            ReleaseKey release = held.release();
            Hold hold = held.hold();
            return new HeldRollout(release.namespace() + "/" + release.name(), release.cluster(), hold.rollout(),
                    hold.wave(), hold.waveName(), hold.halted(), hold.blockingCluster(), hold.reason(),
                    hold.commitOrder(), hold.since());
        }
    }

    /** What to resume: a release ({@code namespace/name}), a cluster, both, or neither for every halted one. */
    public record ResumeRequest(String release, String cluster) {
    }

    /** The releases whose held rendering now passes its gate, each {@code cluster/namespace/name}. */
    public record Resumed(List<String> resumed) {
    }

    @Inject
    ReleaseHistory history;

    @Inject
    ReconcileSchedule schedule;

    @GET
    public List<HeldRollout> held() {
        return history.held().stream().map(HeldRollout::of).toList();
    }

    @POST
    @Path("/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    public Resumed resume(ResumeRequest request) {
        ResumeSelection selection;
        try {
            selection = request == null ? ResumeSelection.of(null, null)
                    : ResumeSelection.of(request.release(), request.cluster());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        List<ReleaseKey> opened = history.forceOpen(history.held().stream().filter(selection::selects).toList());
        opened.forEach(schedule::request);
        return new Resumed(opened.stream().map(ReleaseKey::toString).toList());
    }
}
