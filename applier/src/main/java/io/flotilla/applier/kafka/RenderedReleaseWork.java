package io.flotilla.applier.kafka;

import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.applier.apply.ReleaseReconciler;
import io.flotilla.applier.queue.Ran;
import io.flotilla.applier.queue.Work;
import io.flotilla.events.Envelope;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;

/**
 * One {@code ReleaseRendered} on its way to the cluster: it waits for the releases it depends on, is applied,
 * and its record is acknowledged once its {@code ReleaseApplied} is sent. While the cluster does not answer it
 * reports {@code Unreachable} once and is held, unacknowledged, so a restart loses nothing.
 */
final class RenderedReleaseWork extends RecordWork {

    private final Envelope<ReleaseRendered> rendered;
    private final RenderedReleaseConsumer releases;
    private final ReleaseReconciler reconciler;
    private final AppliedEvents events;
    private final long arrival;
    private boolean reportedUnreachable;

    /**
     * @param arrival where the record came in the order of records, which is their order on the release's
     *                partition
     */
    RenderedReleaseWork(Envelope<ReleaseRendered> rendered, long arrival, Message<?> record,
            RenderedReleaseConsumer releases, ReleaseReconciler reconciler, AppliedEvents events) {
        super(record);
        this.arrival = arrival;
        this.rendered = rendered;
        this.releases = releases;
        this.reconciler = reconciler;
        this.events = events;
    }

    ReleaseRendered payload() {
        return rendered.payload();
    }

    void publish(ReleaseApplied event) {
        events.publish(rendered, event);
    }

    @Override
    public ReleaseKey release() {
        return rendered.payload().release();
    }

    /** The newest rendering of a release is the one to apply: the one whose record came last. */
    @Override
    public boolean replaces(Work other) {
        return other instanceof RenderedReleaseWork rendering && rendering.arrival < arrival;
    }

    @Override
    Ran runInTrace() {
        if (releases.waitsForDependencies(this)) {
            return Ran.FINISHED;
        }
        Optional<ReleaseApplied> event = reconciler.reconcile(payload(), this::publish, !reportedUnreachable);
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

    @Override
    Ran runWhileUnreachableInTrace(String reason) {
        if (releases.waitsForDependencies(this)) {
            return Ran.FINISHED;
        }
        if (!reconciler.needsCluster(payload())) {
            return run();
        }
        if (!reportedUnreachable) {
            return unreachable(reconciler.unreachable(payload(), reason));
        }
        return Ran.unreachable(reason);
    }

    private Ran unreachable(ReleaseApplied event) {
        if (!reportedUnreachable) {
            publish(event);
            reportedUnreachable = true;
        }
        return Ran.unreachable(event.error());
    }
}
