package io.flotilla.applier.reconcile;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.flotilla.applier.queue.ClusterQueues;
import io.flotilla.applier.queue.Delivery;
import io.flotilla.events.DriftFound;

/**
 * Drift the observer found, queued on the release's cluster and answered as each release's drift detection mode
 * asks; the delivery is acknowledged once answered.
 */
@Singleton
public class DriftCorrections {

    private final ReleaseReconciler reconciler;
    private final ClusterQueues queues;
    private final AtomicLong arrivals = new AtomicLong();

    @Inject
    public DriftCorrections(ReleaseReconciler reconciler, ClusterQueues queues) {
        this.reconciler = reconciler;
        this.queues = queues;
    }

    public void submit(DriftFound drift, Delivery delivery) {
        queues.submit(new DriftWork(drift, arrivals.incrementAndGet(), delivery, reconciler));
    }
}
