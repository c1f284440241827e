package io.flotilla.observer.registry;

import io.flotilla.events.Envelope;

/**
 * Where the registry announces each {@code ClusterRegistered} and {@code ClusterRemoved}: the clusters topic, keyed
 * {@code <name>/registration} (see the {@code kafka} package).
 */
public interface RegistrationTopic {

    /** Sends the announcement and waits until Kafka has it. */
    void announce(Envelope<?> registration);
}
