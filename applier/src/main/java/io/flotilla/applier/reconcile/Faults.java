package io.flotilla.applier.reconcile;

import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.flotilla.applier.history.HistoryUnavailableException;
import io.flotilla.applier.queue.Ran;
import io.flotilla.events.ReleaseKey;

/**
 * Turns the faults a work cannot mend itself into how its run ends: the history database not answering is
 * transient (run again after a backoff, record unacknowledged), the applier stopping abandons the work (record
 * unacknowledged for the next instance). Neither ever sends a record to the dead-letter topic.
 */
final class Faults {

    private static final Logger LOG = Logger.getLogger(Faults.class);

    private Faults() {
    }

    static Ran guarded(ReleaseKey release, Supplier<Ran> work) {
        try {
            return work.get();
        } catch (HistoryUnavailableException e) {
            return Ran.retry(e.getMessage());
        } catch (ReconcileAbandonedException e) {
            LOG.info(e.getMessage());
            return Ran.ABANDONED;
        }
    }
}
