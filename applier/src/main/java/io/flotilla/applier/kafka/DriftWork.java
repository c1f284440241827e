package io.flotilla.applier.kafka;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.flotilla.applier.apply.ReleaseReconciler;
import io.flotilla.applier.queue.Ran;
import io.flotilla.applier.queue.Work;
import io.flotilla.events.DriftFound;
import io.flotilla.events.ReleaseKey;

/**
 * Drift the observer found on a release, answered in the release's turn on its cluster. Drift on a cluster
 * that does not answer is let go: the observer finds it again once the cluster answers.
 */
final class DriftWork extends RecordWork {

    private static final Logger LOG = Logger.getLogger(DriftWork.class);

    private final DriftFound drift;
    private final ReleaseReconciler reconciler;
    private final long arrival;

    DriftWork(DriftFound drift, long arrival, Message<?> record, ReleaseReconciler reconciler) {
        super(record);
        this.arrival = arrival;
        this.drift = drift;
        this.reconciler = reconciler;
    }

    @Override
    public ReleaseKey release() {
        return drift.release();
    }

    /** Drift found later on a release makes drift still waiting pointless: it is found again if it lasts. */
    @Override
    public boolean replaces(Work other) {
        return other instanceof DriftWork waiting && waiting.arrival < arrival;
    }

    @Override
    Ran runInTrace() {
        reconciler.correct(drift);
        acknowledge();
        return Ran.FINISHED;
    }

    @Override
    Ran runWhileUnreachableInTrace(String reason) {
        LOG.infof("%s: drift in %d objects not corrected: %s", drift.release(), drift.objects().size(), reason);
        acknowledge();
        return Ran.FINISHED;
    }
}
