package io.flotilla.applier.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.flotilla.applier.apply.ReleaseReconciler;
import io.flotilla.events.DriftFound;
import io.flotilla.events.EventCodec;
import io.smallrye.common.annotation.Blocking;

/** Drift the observer found, answered as each release's drift detection mode asks. */
@ApplicationScoped
public class DriftConsumer {

    private final ReleaseReconciler reconciler;

    @Inject
    public DriftConsumer(ReleaseReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Incoming("drift")
    @Blocking
    public void onDrift(String record) {
        reconciler.correct(EventCodec.decode(record, DriftFound.class).payload());
    }
}
