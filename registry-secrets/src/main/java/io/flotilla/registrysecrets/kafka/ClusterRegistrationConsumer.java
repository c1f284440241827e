package io.flotilla.registrysecrets.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.flotilla.clusters.Fleet;
import io.smallrye.common.annotation.Blocking;

/**
 * The registry's announcements in: each record of the compacted clusters topic, read from its start by every
 * instance, handed to the {@link Fleet}, whose listeners start and stop the clusters' watches. Starting and stopping
 * them waits on the clusters' clients, so it runs on a worker thread, one record after the other. A cluster's
 * states ({@code ClusterState}) on the same topic change nothing here.
 */
@ApplicationScoped
public class ClusterRegistrationConsumer {

    private final Fleet fleet;

    ClusterRegistrationConsumer(Fleet fleet) {
        this.fleet = fleet;
    }

    @Incoming("clusters")
    @Blocking
    public void onRecord(String record) {
        fleet.offer(record);
    }
}
