package io.flotilla.applier.reconcile;

/**
 * The applied topic, for events that are not a recorded revision's (those leave through the outbox): a release
 * waiting, rolling out, or reconciled without change. Sending is best effort: it waits a little for Kafka, and an
 * event Kafka did not take is logged, not retried, since no revision depends on it.
 */
public interface AppliedTopic {

    void send(String key, String envelope);
}
