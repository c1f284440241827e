package io.flotilla.registrysecrets.cluster;

import io.flotilla.events.PullSecretsSynced;

/** Where a cluster's changed coverage goes for the rest of Flotilla: the pullsecrets topic ({@code kafka/}). */
public interface CoverageTopic {

    /** Returns once the topic has it; throws when it could not be sent. */
    void publish(PullSecretsSynced synced);
}
