package io.flotilla.registrysecrets.cluster;

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

    /** Asks for a sync soon. */
    void request() {
        if (queued.compareAndSet(false, true)) {
            thread.execute(this::run);
        }
    }

    /** Asks for a sync after the retry pause. */
    void retryLater() {
        thread.schedule(this::request, retryMillis, TimeUnit.MILLISECONDS);
    }

    private void run() {
        queued.set(false);
        sync.run();
    }
}
