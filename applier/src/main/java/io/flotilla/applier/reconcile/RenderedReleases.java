package io.flotilla.applier.reconcile;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.flotilla.applier.dependency.WaitingReleases;
import io.flotilla.applier.queue.ClusterQueues;
import io.flotilla.applier.queue.Delivery;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;

/**
 * Desired releases as they come, each queued on its cluster, held while releases it {@code dependsOn} are not
 * Ready and queued again once the last of them is. A delivery is acknowledged when its release is done, so a
 * restart delivers again whatever was queued, held for an unreachable cluster or waiting for {@code dependsOn}.
 */
@Singleton
public class RenderedReleases {

    private final ReleaseReconciler reconciler;
    private final ClusterQueues queues;
    private final WaitingReleases<RenderingWork> waiting = new WaitingReleases<>();
    private final AtomicLong arrivals = new AtomicLong();

    @Inject
    public RenderedReleases(ReleaseReconciler reconciler, ClusterQueues queues) {
        this.reconciler = reconciler;
        this.queues = queues;
    }

    /**
     * Queues the rendering, in the order renderings came; {@code publish} sends each {@code ReleaseApplied} it
     * leads to and returns once the event is sent. Its objects stay compressed while it waits in the queue.
     */
    public void submit(ReleaseRendered rendered, Delivery delivery, Consumer<ReleaseApplied> publish) {
        queues.submit(new RenderingWork(rendered, arrivals.incrementAndGet(), delivery, publish, this, reconciler));
    }

    /**
     * Whether the rendering must wait for releases it depends on; if so it waits, says so in a
     * {@code Progressing} event, and is queued again once the last of them is Ready. An older rendering of the
     * release that waited is let go.
     */
    boolean waitsForDependencies(RenderingWork work, DesiredRelease desired) {
        List<ReleaseKey> unready;
        synchronized (waiting) {
            waiting.withdraw(work.release()).ifPresent(RenderingWork::drop);
            unready = reconciler.unreadyDependencies(desired);
            if (unready.isEmpty()) {
                return false;
            }
            waiting.waitFor(work.release(), unready, work);
        }
        work.publish(reconciler.waiting(desired, unready));
        return true;
    }

    /** The release is Ready: what waited for it is queued again. */
    void readied(ReleaseKey release) {
        List<RenderingWork> ready;
        synchronized (waiting) {
            ready = waiting.readied(release);
        }
        ready.forEach(queues::submit);
    }
}
