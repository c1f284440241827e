package io.flotilla.applier.kafka;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.applier.apply.ReleaseReconciler;
import io.flotilla.applier.dependency.WaitingReleases;
import io.flotilla.applier.queue.ClusterQueues;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;

/**
 * The applier on Kafka: each {@code ReleaseRendered} goes to its cluster's queue and becomes at most one
 * {@code ReleaseApplied} with the same correlation id (besides {@code Progressing} ones). Records are
 * acknowledged by hand, when their release is done, and the connector commits an offset only once every
 * record before it is acknowledged; so a restart delivers again whatever was queued, held for an unreachable
 * cluster or waiting for {@code dependsOn}, and replays are harmless. A record that is not a
 * {@code ReleaseRendered} goes to the dead-letter topic.
 */
@ApplicationScoped
public class RenderedReleaseConsumer {

    private final ReleaseReconciler reconciler;
    private final AppliedEvents events;
    private final ClusterQueues queues;
    private final WaitingReleases<RenderedReleaseWork> waiting = new WaitingReleases<>();
    private final AtomicLong arrivals = new AtomicLong();

    @Inject
    public RenderedReleaseConsumer(ReleaseReconciler reconciler, AppliedEvents events, ClusterQueues queues) {
        this.reconciler = reconciler;
        this.events = events;
        this.queues = queues;
    }

    @Incoming("rendered")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onRendered(Message<String> record) {
        RenderedReleaseWork work;
        try {
            work = new RenderedReleaseWork(EventCodec.decode(record.getPayload(), ReleaseRendered.class),
                    arrivals.incrementAndGet(), record, this, reconciler, events);
        } catch (RuntimeException e) {
            return record.nack(e);
        }
        queues.submit(work);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Whether the rendering must wait for releases it depends on; if so it waits, says so in a
     * {@code Progressing} event, and is queued again once the last of them is Ready. An older rendering of the
     * release that waited is let go.
     */
    boolean waitsForDependencies(RenderedReleaseWork work) {
        List<ReleaseKey> unready;
        synchronized (waiting) {
            waiting.withdraw(work.release()).ifPresent(RenderedReleaseWork::drop);
            unready = reconciler.unreadyDependencies(work.payload());
            if (unready.isEmpty()) {
                return false;
            }
            waiting.waitFor(work.release(), unready, work);
        }
        work.publish(reconciler.waiting(work.payload(), unready));
        return true;
    }

    /** The release is Ready: what waited for it is queued again. */
    void readied(ReleaseKey release) {
        List<RenderedReleaseWork> ready;
        synchronized (waiting) {
            ready = waiting.readied(release);
        }
        ready.forEach(queues::submit);
    }
}
