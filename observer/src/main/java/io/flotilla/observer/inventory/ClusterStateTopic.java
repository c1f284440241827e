package io.flotilla.observer.inventory;

import io.flotilla.events.ClusterState;
import io.flotilla.events.Envelope;

/** Where each cluster's latest state goes for the renderer: the clusters topic (see the {@code kafka} package). */
public interface ClusterStateTopic {

    /** Sends the state and waits until Kafka has it. */
    void publish(Envelope<ClusterState> state);
}
