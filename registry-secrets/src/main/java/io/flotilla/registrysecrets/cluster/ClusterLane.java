package io.flotilla.registrysecrets.cluster;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One cluster's work, one sync at a time on a thread of its own, so an unreachable cluster holds up only itself.
 * Changes that come while a sync is queued join it; a change during a sync queues one more, so the last change is
 * always seen. A failed sync is tried again after {@code retryMillis}.
 */
final class ClusterLane {

    private final ScheduledExecutorService thread;
    private final Runnable sync;
    private final long retryMillis;
    private final AtomicBoolean queued = new AtomicBoolean();

    ClusterLane(ScheduledExecutorService thread, Runnable sync, long retryMillis) {
        this.thread = thread;
        this.sync = sync;
        this.retryMillis = retryMillis;
    }

    /** Asks for a sync soon; nothing once the cluster has left the fleet (its thread stopped). */
    void request() {
        if (queued.compareAndSet(false, true)) {
            try {
                thread.execute(this::run);
            } catch (RejectedExecutionException leftMeanwhile) {
                queued.set(false);
            }
        }
    }

    /** Asks for a sync after the retry pause; nothing once the cluster has left the fleet. */
    void retryLater() {
        try {
            thread.schedule(this::request, retryMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException leftMeanwhile) {
            // The cluster is no longer watched: no retry.
        }
    }

    private void run() {
        queued.set(false);
        sync.run();
    }
}
