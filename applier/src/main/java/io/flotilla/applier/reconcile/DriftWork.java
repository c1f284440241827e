package io.flotilla.applier.reconcile;

import org.jboss.logging.Logger;

import io.flotilla.applier.queue.DeliveredWork;
import io.flotilla.applier.queue.Delivery;
import io.flotilla.applier.queue.Ran;
import io.flotilla.events.DriftFound;
import io.flotilla.events.ReleaseKey;

/**
 * Drift the observer found on a release, answered in the release's turn on its cluster. Drift on a cluster
 * that does not answer is let go: the observer finds it again once the cluster answers.
 */
final class DriftWork extends DeliveredWork {

    private static final Logger LOG = Logger.getLogger(DriftWork.class);

    private final DriftFound drift;
    private final ReleaseReconciler reconciler;

    DriftWork(DriftFound drift, long arrival, Delivery delivery, ReleaseReconciler reconciler) {
        super(delivery, arrival);
        this.drift = drift;
        this.reconciler = reconciler;
    }

    @Override
    public ReleaseKey release() {
        return drift.release();
    }

    @Override
    protected Ran runInTrace() {
        return Faults.guarded(release(), () -> {
            reconciler.correct(drift);
            acknowledge();
            return Ran.FINISHED;
        });
    }

    @Override
    protected Ran runWhileUnreachableInTrace(String reason) {
        LOG.infof("%s: drift in %d objects not corrected: %s", drift.release(), drift.objects().size(), reason);
        acknowledge();
        return Ran.FINISHED;
    }
}
