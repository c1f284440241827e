package io.flotilla.applier.reconcile;

import java.util.Optional;

import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseReconciled;

/**
 * What a reconcile came to: a revision recorded (its event waits in the outbox), the release found as it was left
 * ({@code unchanged}, to be told), an unreachable cluster met again (not recorded twice), or nothing at all.
 */
public record Reconciled(Optional<ReleaseApplied> revision, boolean recorded, Optional<ReleaseReconciled> unchanged) {

    static final Reconciled NOTHING = new Reconciled(Optional.empty(), false, Optional.empty());

    static Reconciled recorded(ReleaseApplied event) {
        return new Reconciled(Optional.of(event), true, Optional.empty());
    }

    static Reconciled notRecorded(ReleaseApplied event) {
        return new Reconciled(Optional.of(event), false, Optional.empty());
    }

    static Reconciled unchanged(ReleaseReconciled event) {
        return new Reconciled(Optional.empty(), false, Optional.of(event));
    }

    public boolean unreachable() {
        return revision.filter(event -> event.outcome() == Outcome.Unreachable).isPresent();
    }

    public boolean ready() {
        return revision.filter(event -> event.outcome() == Outcome.Ready).isPresent();
    }
}
