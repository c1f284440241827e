package io.flotilla.applier.reconcile;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.flotilla.applier.dependency.WaitingReleases;
import io.flotilla.applier.queue.ClusterQueues;
import io.flotilla.applier.queue.Delivery;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;

/**
 * Desired releases as they come, each queued on its cluster, held while releases it {@code dependsOn} are not
 * Ready and queued again once the last of them is, whichever applier instance applied it (this one, another through
 * the applied topic, or the shared history looked at again). A delivery is acknowledged when its release is done, so a
 * restart delivers again whatever was queued, held for an unreachable cluster or waiting for {@code dependsOn}.
 */
@Singleton
public class RenderedReleases {

    private final ReleaseReconciler reconciler;
    private final ClusterQueues queues;
    private final AppliedTopic applied;
    private final WaitingReleases<RenderingWork> waiting = new WaitingReleases<>();
    private final AtomicLong arrivals = new AtomicLong();

    @Inject
    public RenderedReleases(ReleaseReconciler reconciler, ClusterQueues queues, AppliedTopic applied) {
        this.reconciler = reconciler;
        this.queues = queues;
        this.applied = applied;
    }

    /**
     * Queues the rendering, in the order renderings came. The events it leads to are wrapped as {@code cause}
     * says; its objects stay compressed while it waits in the queue.
     */
    public void submit(ReleaseRendered rendered, Cause cause, Delivery delivery) {
        queues.submit(new RenderingWork(rendered, cause, arrivals.incrementAndGet(), delivery,
                event -> applied.send(event.key(), cause.encode().apply(event)), this, reconciler));
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
            unready = reconciler.unreadyDependencies(desired, Trigger.RENDERING);
            if (unready.isEmpty()) {
                return false;
            }
            waiting.waitFor(work.release(), unready, work);
        }
        work.tell(reconciler.waiting(desired, unready));
        return true;
    }

    /**
     * The release is Ready, applied here or by another applier instance: what waited for it here is queued again.
     * Told more than once, it queues nothing more.
     */
    public void readied(ReleaseKey release) {
        List<RenderingWork> ready;
        synchronized (waiting) {
            ready = waiting.readied(release);
        }
        ready.forEach(queues::submit);
    }

    /** Whether a rendering here waits for {@code release}: only then does its becoming Ready matter. */
    public boolean waitedFor(ReleaseKey release) {
        return waiting.waitedFor(release);
    }

    /**
     * Looks up every release waited for in the shared history and queues again what waited for those found Ready: a
     * safety net for a Ready told by another instance while this one was not listening. The number found Ready.
     */
    public int recheck() {
        List<ReleaseKey> ready = waiting.dependencies().stream().filter(reconciler::ready).toList();
        ready.forEach(this::readied);
        return ready.size();
    }
}
