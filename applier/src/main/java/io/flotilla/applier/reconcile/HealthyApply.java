package io.flotilla.applier.reconcile;

import java.time.Duration;
import java.util.List;

import org.jboss.logging.Logger;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.apply.ClusterApply;
import io.flotilla.applier.apply.ReleaseApply;
import io.flotilla.applier.health.HealthWait;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.Outcome;

/**
 * Applying a desired release and waiting until what it applied is healthy, within the release's timeout, and testing
 * it when it asks: one try of an install, an upgrade or a rollback, or as many as the action's retries allow.
 */
final class HealthyApply {

    private static final Logger LOG = Logger.getLogger(HealthyApply.class);

    private final ClusterApply cluster;

    HealthyApply(ClusterApply cluster) {
        this.cluster = cluster;
    }

    /**
     * Applies {@code desired}, pruning the request's inventory, and waits for it to be healthy; then, after an install
     * or an upgrade of a release that asks for them ({@code spec.test.enable}), runs its tests.
     */
    ApplyReport once(ActionRequest request, DesiredRelease desired, HookPhase phase) {
        ApplyReport applied = cluster.apply(desired, request.inventory(), phase);
        if (applied.outcome() != Outcome.Ready) {
            return applied;
        }
        List<ObjectRef> toWaitFor = HealthWait.toWaitFor(ReleaseApply.appliedObjects(applied), desired.options());
        ApplyReport healthy = !HealthWait.anyToWaitFor(toWaitFor) ? applied
                : cluster.awaitHealth(desired.release(), toWaitFor, applied,
                        Duration.ofSeconds(desired.options().timeoutSeconds()),
                        () -> request.progress().accept(new ApplyReport(Outcome.Progressing, applied.objects(), null)));
        boolean tested = desired.options().test() && (phase == HookPhase.INSTALL || phase == HookPhase.UPGRADE);
        return healthy.outcome() == Outcome.Ready && tested ? ReleaseTests.run(cluster, desired, healthy) : healthy;
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
