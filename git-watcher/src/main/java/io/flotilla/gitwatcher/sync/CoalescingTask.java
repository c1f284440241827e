package io.flotilla.gitwatcher.sync;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

/**
 * Runs a task one at a time. Requests arriving while it runs coalesce into a single run after it:
 * a burst of webhooks and polls costs at most one more fetch, and none is lost.
 */
final class CoalescingTask {

    private static final Logger LOG = Logger.getLogger(CoalescingTask.class);

    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int RUNNING_AND_REQUESTED = 2;

    private final String name;
    private final Runnable task;
    private final Executor executor;
    private final AtomicInteger state = new AtomicInteger(IDLE);

    CoalescingTask(String name, Runnable task, Executor executor) {
        this.name = name;
        this.task = task;
        this.executor = executor;
    }

    /** Returns at once; the task runs soon on the executor. */
    void request() {
        while (true) {
            int current = state.get();
            if (current == IDLE && state.compareAndSet(IDLE, RUNNING)) {
                try {
                    executor.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    // The service is stopping and its threads take no more work.
                    state.set(IDLE);
                }
                return;
            }
            if (current == RUNNING_AND_REQUESTED
                    || current == RUNNING && state.compareAndSet(RUNNING, RUNNING_AND_REQUESTED)) {
                return;
            }
        }
    }

    private void drain() {
        while (true) {
            try {
                task.run();
            } catch (RuntimeException e) {
                // The next request must still run: a failure is logged, never left holding the task.
                LOG.errorf(e, "%s failed: %s", name, e.getMessage());
            }
            if (state.compareAndSet(RUNNING, IDLE)) {
                return;
            }
            // Requests came in during the run: one more run serves them all.
            state.set(RUNNING);
        }
    }
}
