package io.flotilla.applier.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.applier.apply.ReleaseReconciler;
import io.flotilla.applier.queue.ClusterQueues;
import io.flotilla.events.DriftFound;
import io.flotilla.events.EventCodec;

/**
 * Drift the observer found, queued on the release's cluster and answered as each release's drift detection
 * mode asks; acknowledged once answered.
 */
@ApplicationScoped
public class DriftConsumer {

    private final ReleaseReconciler reconciler;
    private final ClusterQueues queues;
    private final AtomicLong arrivals = new AtomicLong();

    @Inject
    public DriftConsumer(ReleaseReconciler reconciler, ClusterQueues queues) {
        this.reconciler = reconciler;
        this.queues = queues;
    }

    @Incoming("drift")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onDrift(Message<String> record) {
        DriftWork work;
        try {
            work = new DriftWork(EventCodec.decode(record.getPayload(), DriftFound.class).payload(),
                    arrivals.incrementAndGet(), record, reconciler);
        } catch (RuntimeException e) {
            return record.nack(e);
        }
        queues.submit(work);
        return CompletableFuture.completedFuture(null);
    }
}
