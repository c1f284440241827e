package io.flotilla.applier.reconcile;

import java.util.Optional;
import java.util.function.Consumer;

import io.flotilla.applier.queue.DeliveredWork;
import io.flotilla.applier.queue.Delivery;
import io.flotilla.applier.queue.Ran;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;

/**
 * One rendering on its way to the cluster: it waits for the releases it depends on, is applied, and its record is
 * acknowledged once its {@code ReleaseApplied} is published. While the cluster does not answer it reports
 * {@code Unreachable} once and is held, unacknowledged, so a restart loses nothing. Its objects stay compressed
 * while it waits in its cluster's queue, and are decoded into a {@link DesiredRelease} each time it runs.
 */
final class RenderingWork extends DeliveredWork {

    private final ReleaseRendered rendered;
    private final Consumer<ReleaseApplied> publish;
    private final RenderedReleases releases;
    private final ReleaseReconciler reconciler;
    private boolean reportedUnreachable;

    /** @param publish sends an event caused by the record and returns once it is sent */
    RenderingWork(ReleaseRendered rendered, long arrival, Delivery delivery, Consumer<ReleaseApplied> publish,
            RenderedReleases releases, ReleaseReconciler reconciler) {
        super(delivery, arrival);
        this.rendered = rendered;
        this.publish = publish;
        this.releases = releases;
        this.reconciler = reconciler;
    }

    void publish(ReleaseApplied event) {
        publish.accept(event);
    }

    @Override
    public ReleaseKey release() {
        return rendered.release();
    }

    @Override
    protected Ran runInTrace() {
        DesiredRelease desired = DesiredRelease.of(rendered);
        if (releases.waitsForDependencies(this, desired)) {
            return Ran.FINISHED;
        }
        return reconcile(desired);
    }

    @Override
    protected Ran runWhileUnreachableInTrace(String reason) {
        DesiredRelease desired = DesiredRelease.of(rendered);
        if (releases.waitsForDependencies(this, desired)) {
            return Ran.FINISHED;
        }
        if (!reconciler.needsCluster(desired)) {
            return reconcile(desired);
        }
        if (!reportedUnreachable) {
            return unreachable(reconciler.unreachable(desired, reason));
        }
        return Ran.unreachable(reason);
    }

    private Ran reconcile(DesiredRelease desired) {
        Optional<ReleaseApplied> event = reconciler.reconcile(desired, this::publish, !reportedUnreachable);
        if (event.isPresent() && event.get().outcome() == Outcome.Unreachable) {
            return unreachable(event.get());
        }
        event.ifPresent(this::publish);
        acknowledge();
        if (event.isPresent() && event.get().outcome() == Outcome.Ready) {
            releases.readied(release());
        }
        return Ran.FINISHED;
    }

    private Ran unreachable(ReleaseApplied event) {
        if (!reportedUnreachable) {
            publish(event);
            reportedUnreachable = true;
        }
        return Ran.unreachable(event.error());
    }
}
