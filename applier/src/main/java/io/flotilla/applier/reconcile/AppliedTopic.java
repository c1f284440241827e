package io.flotilla.applier.reconcile;

/**
 * The applied topic, for events that are not a recorded revision's (those leave through the outbox): a release
 * waiting, rolling out, or reconciled without change. Sending blocks until Kafka has the event.
 */
public interface AppliedTopic {

    void send(String key, String envelope);
}
