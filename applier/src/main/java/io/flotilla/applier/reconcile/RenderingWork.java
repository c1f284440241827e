package io.flotilla.applier.reconcile;

import java.util.function.Consumer;

import io.flotilla.applier.queue.DeliveredWork;
import io.flotilla.applier.queue.Delivery;
import io.flotilla.applier.queue.Ran;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.Event;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;

/**
 * One rendering on its way to the cluster: it waits for the releases it depends on, is applied, and its record is
 * acknowledged once its revision (with its event, in the outbox) is recorded. While the cluster does not answer it
 * records {@code Unreachable} once and is held, unacknowledged, so a restart loses nothing. Its objects stay
 * compressed while it waits in its cluster's queue, and are decoded into a {@link DesiredRelease} each time it runs.
 */
final class RenderingWork extends DeliveredWork {

    private final ReleaseRendered rendered;
    private final Cause cause;
    private final Consumer<Event> tell;
    private final RenderedReleases releases;
    private final ReleaseReconciler reconciler;
    private boolean reportedUnreachable;

    /** @param tell sends an event that is not a recorded revision's (progress, waiting) and returns once sent */
    RenderingWork(ReleaseRendered rendered, Cause cause, long arrival, Delivery delivery, Consumer<Event> tell,
            RenderedReleases releases, ReleaseReconciler reconciler) {
        super(delivery, arrival);
        this.rendered = rendered;
        this.cause = cause;
        this.tell = tell;
        this.releases = releases;
        this.reconciler = reconciler;
    }

    void tell(ReleaseApplied event) {
        tell.accept(event);
    }

    @Override
    public ReleaseKey release() {
        return rendered.release();
    }

    @Override
    protected Ran runInTrace() {
        return Faults.guarded(release(), () -> {
            DesiredRelease desired = DesiredRelease.of(rendered);
            if (releases.waitsForDependencies(this, desired)) {
                return Ran.FINISHED;
            }
            return reconcile(desired);
        });
    }

    @Override
    protected Ran runWhileUnreachableInTrace(String reason) {
        return Faults.guarded(release(), () -> {
            DesiredRelease desired = DesiredRelease.of(rendered);
            if (releases.waitsForDependencies(this, desired)) {
                return Ran.FINISHED;
            }
            if (!reconciler.needsCluster(desired, Trigger.RENDERING)) {
                return reconcile(desired);
            }
            if (!reportedUnreachable) {
                reconciler.unreachable(desired, cause, reason);
                reportedUnreachable = true;
            }
            return Ran.unreachable(reason);
        });
    }

    private Ran reconcile(DesiredRelease desired) {
        Reconciled reconciled = reconciler.reconcile(desired, cause, this::tell, !reportedUnreachable);
        if (reconciled.unreachable()) {
            reportedUnreachable = true;
            return Ran.unreachable(reconciled.revision().orElseThrow().error());
        }
        acknowledge();
        if (reconciled.ready()) {
            releases.readied(release());
        }
        return Ran.FINISHED;
    }
}
