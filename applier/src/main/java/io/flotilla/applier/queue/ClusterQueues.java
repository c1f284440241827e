package io.flotilla.applier.queue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

/**
 * One {@link ClusterQueue} per cluster, made when a release first names it. The queues share threads, but
 * each runs at most {@code concurrency} works at once, so a slow or unreachable cluster holds only its own; that
 * limit is each cluster's for the whole group of applier instances, kept by the {@link SharedSlots} they share, whose
 * leases are renewed here every third of {@code flotilla.clusters.slot-lease}.
 */
@Singleton
public class ClusterQueues {

    private static final Logger LOG = Logger.getLogger(ClusterQueues.class);

    private final int concurrency;
    private final Backoff backoff;
    private final ExecutorService workers = Executors.newCachedThreadPool(named("applier-worker"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(named("applier-retry"));
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(named("applier-slots"));
    private final SharedSlots slots;
    private final Duration slotRetry;
    private final Map<String, ClusterQueue> queues = new ConcurrentHashMap<>();
    private volatile Consumer<String> answersAgain = cluster -> { };

    @Inject
    public ClusterQueues(@ConfigProperty(name = "flotilla.clusters.concurrency", defaultValue = "8") int concurrency,
            @ConfigProperty(name = "flotilla.clusters.retry.initial", defaultValue = "2s") Duration initialRetry,
            @ConfigProperty(name = "flotilla.clusters.retry.max", defaultValue = "2m") Duration maxRetry,
            SharedSlots slots,
            @ConfigProperty(name = "flotilla.clusters.slot-lease", defaultValue = "15s") Duration slotLease,
            @ConfigProperty(name = "flotilla.clusters.slot-retry", defaultValue = "1s") Duration slotRetry) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("flotilla.clusters.concurrency must be at least 1, not " + concurrency);
        }
        if (slotLease.toMillis() < 3 || slotRetry.toMillis() < 1) {
            throw new IllegalArgumentException("flotilla.clusters.slot-lease and slot-retry must be positive, not "
                    + slotLease + " and " + slotRetry);
        }
        this.concurrency = concurrency;
        this.backoff = new Backoff(initialRetry, maxRetry);
        this.slots = slots;
        this.slotRetry = slotRetry;
        long renewal = slotLease.toMillis() / 3;
        renewals.scheduleWithFixedDelay(this::renew, renewal, renewal, TimeUnit.MILLISECONDS);
    }

    /** Queues the work on its release's cluster. */
    public void submit(Work work) {
        queue(work.release().cluster()).submit(work);
    }

    private ClusterQueue queue(String cluster) {
        return queues.computeIfAbsent(cluster, name -> new ClusterQueue(name, concurrency, backoff, workers, timer,
                slots, slotRetry, answered -> answersAgain.accept(answered)));
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
    public void stop() {
        renewals.shutdownNow();
        timer.shutdownNow();
        workers.shutdownNow();
    }

    /**
     * The applier stops: its slots are given back while the database is still at hand (the works running now are
     * abandoned moments later), so that the other instances need not wait for the leases to run out.
     */
    void stopping(@Observes ShutdownEvent stopping) {
        renewals.shutdownNow();
        try {
            slots.giveAll();
        } catch (RuntimeException e) {
            LOG.warnf("the clusters' slots were not given back, free once their lease runs out: %s", e.getMessage());
        }
    }

    /** Renews this instance's slots and tells each queue what it still holds and who else wants its cluster's. */
    private void renew() {
        try {
            Map<String, Long> takes = new HashMap<>();
            queues.forEach((cluster, queue) -> takes.put(cluster, queue.takes()));
            Map<String, SharedSlots.Holding> held = slots.renew();
            takes.forEach((cluster, before) -> queues.get(cluster)
                    .renewed(held.getOrDefault(cluster, new SharedSlots.Holding(0, 0)), before));
        } catch (RuntimeException e) {
            LOG.warnf("the clusters' slots could not be renewed; tried again soon: %s", e.getMessage());
        }
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
