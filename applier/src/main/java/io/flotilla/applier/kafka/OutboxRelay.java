package io.flotilla.applier.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.flotilla.applier.history.Outbox;
import io.flotilla.applier.reconcile.OutboxSignal;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Sends the outbox's events to the applied topic, oldest first, and deletes them once Kafka has them: at once
 * when a revision is recorded, and every second for what a crash or a Kafka outage left behind. One thread does
 * it, so the events of a release leave in the order they were recorded. A crash after the send and before the
 * delete sends those events again at the next start: at least once, never lost.
 */
@ApplicationScoped
public class OutboxRelay implements OutboxSignal {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final Duration IDLE = Duration.ofSeconds(1);

    private final Outbox outbox;
    private final AppliedEvents applied;
    private final Semaphore signal = new Semaphore(0);
    private final ExecutorService relay = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "applier-outbox");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    @Inject
    public OutboxRelay(Outbox outbox, AppliedEvents applied) {
        this.outbox = outbox;
        this.applied = applied;
    }

    void start(@Observes StartupEvent started) {
        relay.execute(this::relay);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        relay.shutdownNow();
    }

    @Override
    public void recorded() {
        signal.release();
    }

    private void relay() {
        while (!stopping) {
            try {
                signal.tryAcquire(IDLE.toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
                while (sendBatch() == BATCH) {
                    LOG.debug("more events wait in the outbox");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("the outbox's events wait; tried again in %s: %s", IDLE, e.getMessage());
            }
        }
    }

    /** Sends the oldest waiting events; the number sent. */
    private int sendBatch() {
        List<Outbox.Pending> pending = outbox.pending(BATCH);
        if (pending.isEmpty()) {
            return 0;
        }
        Uni.join().all(pending.stream().map(event -> applied.sending(event.key(), event.envelope(), event.traceparent())).toList())
                .andFailFast().await().indefinitely();
        outbox.sent(pending.stream().map(Outbox.Pending::id).toList());
        return pending.size();
    }
}
