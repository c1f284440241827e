package io.flotilla.applier.queue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One {@link ClusterQueue} per cluster, made when a release first names it. The queues share threads, but
 * each runs at most {@code concurrency} works at once, so a slow or unreachable cluster holds only its own.
 */
@Singleton
public class ClusterQueues {

    private final int concurrency;
    private final Backoff backoff;
    private final ExecutorService workers = Executors.newCachedThreadPool(named("applier-worker"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(named("applier-retry"));
    private final Map<String, ClusterQueue> queues = new ConcurrentHashMap<>();
    private volatile Consumer<String> answersAgain = cluster -> { };

    @Inject
    public ClusterQueues(@ConfigProperty(name = "flotilla.clusters.concurrency", defaultValue = "8") int concurrency,
            @ConfigProperty(name = "flotilla.clusters.retry.initial", defaultValue = "2s") Duration initialRetry,
            @ConfigProperty(name = "flotilla.clusters.retry.max", defaultValue = "2m") Duration maxRetry) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("flotilla.clusters.concurrency must be at least 1, not " + concurrency);
        }
        this.concurrency = concurrency;
        this.backoff = new Backoff(initialRetry, maxRetry);
    }

    /** Queues the work on its release's cluster. */
    public void submit(Work work) {
        queue(work.release().cluster()).submit(work);
    }

    private ClusterQueue queue(String cluster) {
        return queues.computeIfAbsent(cluster, name -> new ClusterQueue(name, concurrency, backoff, workers, timer,
                answered -> answersAgain.accept(answered)));
    }

    /**
     * The cluster left the fleet: what waits for it is let go without running, and {@code idle} runs once what runs
     * there now is done.
     */
    public void drain(String cluster, Runnable idle) {
        queue(cluster).drain(idle);
    }

    /** The cluster joined the fleet: work held because it could not be reached is tried again now. */
    public void tryNow(String cluster) {
        ClusterQueue queue = queues.get(cluster);
        if (queue != null) {
            queue.tryNow();
        }
    }

    /** {@code listener} hears the name of each cluster that answers again after it did not. */
    public void whenAnswersAgain(Consumer<String> listener) {
        this.answersAgain = listener;
    }

    /**
     * Work in progress is interrupted and abandoned, recording nothing and acknowledging nothing; its records come
     * again to the next instance, which reconciles from where the cluster is.
     */
    @PreDestroy
    void stop() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
