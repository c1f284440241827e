package io.flotilla.applier.reconcile;

/** Told when a revision is recorded, so that whoever sends the outbox's events sends its event at once. */
public interface OutboxSignal {

    void recorded();
}
