package io.flotilla.applier.reconcile;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.apply.ClusterApply;
import io.flotilla.applier.apply.ReleaseApply;
import io.flotilla.applier.health.HealthWait;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.Outcome;

/**
 * Applying a desired release and waiting until what it applied is healthy, within the release's timeout: one try
 * of an install, an upgrade or a rollback, or as many as the action's retries allow.
 */
final class HealthyApply {

    private static final Logger LOG = Logger.getLogger(HealthyApply.class);

    private final ClusterApply cluster;

    HealthyApply(ClusterApply cluster) {
        this.cluster = cluster;
    }

    /** Applies {@code desired}, pruning the request's inventory, and waits for it to be healthy. */
    ApplyReport once(ActionRequest request, DesiredRelease desired, HookPhase phase) {
        ApplyReport applied = cluster.apply(desired, request.inventory(), phase);
        if (applied.outcome() != Outcome.Ready || !HealthWait.anyToWaitFor(ReleaseApply.appliedObjects(applied))) {
            return applied;
        }
        return cluster.awaitHealth(desired.release(), applied,
                Duration.ofSeconds(desired.options().timeoutSeconds()),
                () -> request.progress().accept(new ApplyReport(Outcome.Progressing, applied.objects(), null)));
    }

    /**
     * Applies the request's release as often as {@code retries} allow while it fails; a try the cluster did not
     * answer ends the tries.
     */
    Tries withRetries(ActionRequest request, HookPhase phase, String action, int retries) {
        ApplyReport report = once(request, request.desired(), phase);
        int attempts = 1;
        while (report.outcome() == Outcome.Failed && attempts <= retries) {
            LOG.warnf("%s: %s failed, retry %d of %d: %s", request.desired().release(), action, attempts, retries,
                    report.error());
            report = once(request, request.desired(), phase);
            attempts++;
        }
        return new Tries(report, attempts, action);
    }

    /** What the last of {@code attempts} tries of {@code action} came to. */
    record Tries(ApplyReport last, int attempts, String action) {

        /** Whether every try failed and there were retries: the action failed for good. */
        boolean spent() {
            return last.outcome() == Outcome.Failed && attempts > 1;
        }

        /** The action failed, counting its attempts. */
        ApplyReport failure() {
            return ApplyReport.failed(action + " failed after " + attempts + " attempts: " + last.error(),
                    last.objects());
        }
    }
}
