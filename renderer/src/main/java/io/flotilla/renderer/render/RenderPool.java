package io.flotilla.renderer.render;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A commit's renders, in two stages that run side by side: Helm's template calls on a bounded number of threads,
 * and reading their output into objects (YAML, then compressed JSON) on threads of their own, so that Java's part
 * of one release runs while Helm renders the next. Each render starts as soon as the commit's reading decides it
 * (a {@link Batch}), so Helm does not wait for the whole commit to be read. All renders finish before the
 * commit's results are emitted, in commit order. The default is one Helm call at a time per core: on two cores, 1,000
 * releases rendered with two calls at once took 0.94-1.00 times helm-java's template in a plain loop, against 1.21-1.33
 * with one (the same CPU time; with one, Helm's Go runtime and the reading of its output wait for each other).
 *
 * <p>Each render is bounded in time, from the start of its Helm call to the end of reading its output. Helm runs
 * as native code (Go, through helm-java) that cannot be interrupted, so a render over its bound is abandoned rather
 * than stopped: it is reported as timed out at once, and its thread is left to finish on its own while a new
 * thread takes its place, so the commit and the ones after it go on with as many threads as before. What the
 * abandoned thread produces when it ends is thrown away; until then it holds a core and the memory of its
 * render, which is why the renderer remembers the inputs that timed out and does not start them again.
 */
final class RenderPool implements AutoCloseable {

    /** A render in two stages; each keeps its own outcome, errors included. */
    interface Stages {
        /** Helm's template call. */
        void helm();

        /** Helm's output read into the objects to emit. */
        void read();

        /** The render took longer than {@code bound}: it is abandoned, and this is its outcome. */
        void timedOut(Duration bound);
    }

    private final Lane helmThreads;
    private final Lane objectThreads;
    private final Duration timeout;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            named("render-deadline"));

    private RenderPool(int size, Duration timeout) {
        this.helmThreads = new Lane(size, "helm-render");
        this.objectThreads = new Lane(size, "helm-output");
        this.timeout = timeout;
    }

    /**
     * @param threads Helm calls at once; 0 for the default, one per core
     * @param timeout how long one render may take before it is abandoned
     */
    static RenderPool of(int threads, Duration timeout) {
        return new RenderPool(threads > 0 ? threads : Runtime.getRuntime().availableProcessors(), timeout);
    }

    /** A commit's renders, started one by one as they are decided, so that Helm works while the rest are. */
    Batch batch() {
        return new Batch();
    }

    /** The renders of one commit: each starts when added; {@link #awaitAll} returns when each is done or abandoned. */
    final class Batch {
        private final List<CompletableFuture<Void>> running = new ArrayList<>();

        void start(Stages rendering) {
            Run run = new Run(rendering);
            running.add(run.done);
            helmThreads.execute(run::helm);
        }

        void awaitAll() {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        helmThreads.executor.shutdownNow();
        objectThreads.executor.shutdownNow();
        deadlines.shutdownNow();
    }

    /** One render on its way through both stages, against its deadline. */
    private final class Run {
        private final Stages stages;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        /** The lane whose thread runs a stage of this render now; null between stages. */
        private Lane runningOn;
        private ScheduledFuture<?> deadline;

        Run(Stages stages) {
            this.stages = stages;
        }

        void helm() {
            if (!enter(helmThreads)) {
                return;
            }
            try {
                stages.helm();
            } finally {
                if (leave(helmThreads)) {
                    objectThreads.execute(this::read);
                }
            }
        }

        void read() {
            if (!enter(objectThreads)) {
                return;
            }
            try {
                stages.read();
            } finally {
                if (leave(objectThreads)) {
                    deadline.cancel(false);
                    done.complete(null);
                }
            }
        }

        private synchronized boolean enter(Lane lane) {
            if (done.isDone()) {
                return false;
            }
            runningOn = lane;
            if (deadline == null) {
                deadline = deadlines.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return true;
        }

        /** False when the render was abandoned while this stage ran: its thread goes back to being one of many. */
        private synchronized boolean leave(Lane lane) {
            runningOn = null;
            if (done.isDone()) {
                lane.reclaim();
                return false;
            }
            return true;
        }

        private synchronized void expire() {
            if (done.isDone()) {
                return;
            }
            stages.timedOut(timeout);
            if (runningOn != null) {
                runningOn.abandon();
            }
            done.complete(null);
        }
    }

    /**
     * A fixed number of working threads; a thread stuck in an abandoned render does not count among them, so
     * the lane grows by one while it is stuck and shrinks back when it comes free.
     */
    private static final class Lane {
        private final ThreadPoolExecutor executor;

        Lane(int size, String name) {
            this.executor = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    named(name));
        }

        void execute(Runnable task) {
            executor.execute(task);
        }

        synchronized void abandon() {
            executor.setMaximumPoolSize(executor.getMaximumPoolSize() + 1);
            executor.setCorePoolSize(executor.getCorePoolSize() + 1);
        }

        synchronized void reclaim() {
            executor.setCorePoolSize(executor.getCorePoolSize() - 1);
            executor.setMaximumPoolSize(executor.getMaximumPoolSize() - 1);
        }
    }
}
