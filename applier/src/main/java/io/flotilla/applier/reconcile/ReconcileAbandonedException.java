package io.flotilla.applier.reconcile;

import io.flotilla.events.ReleaseKey;

/**
 * The applier stops while a release is reconciled: nothing of it is recorded, and its record stays unacknowledged,
 * so that the next instance reconciles it from where the cluster is.
 */
public class ReconcileAbandonedException extends RuntimeException {

    ReconcileAbandonedException(ReleaseKey release) {
        super(release + ": left for the next instance, the applier stops");
    }
}
