package io.flotilla.registrysecrets.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.flotilla.clusters.Fleet;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.smallrye.common.annotation.Blocking;

/**
 * The registry's announcements in: each record of the compacted clusters topic, read from its start by every
 * instance, handed to the {@link Fleet}, whose listeners start and stop the clusters' watches. Starting and stopping
 * them waits on the clusters' clients, so it runs on a worker thread, one record after the other. A cluster's
 * states ({@code ClusterState}) on the same topic change nothing here.
 */
@ApplicationScoped
public class ClusterRegistrationConsumer {

    private static final Logger LOG = Logger.getLogger(ClusterRegistrationConsumer.class);

    private final Fleet fleet;

    ClusterRegistrationConsumer(Fleet fleet) {
        this.fleet = fleet;
    }

    @Incoming("clusters")
    @Blocking
    public void onRecord(String record) {
        try {
            fleet.accept(record);
        } catch (EventFormatException e) {
            LOG.warnf("ignoring a record of the clusters topic that is not an event: %s", e.getMessage());
        } catch (IllegalArgumentException e) {
            // Sealed with another key: the cluster stays as it was known (or unknown) here.
            LOG.errorf("ignoring the registration %s of the clusters topic: %s", EventCodec.decode(record).key(),
                    e.getMessage());
        }
    }
}
