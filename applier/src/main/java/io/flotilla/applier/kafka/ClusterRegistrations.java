package io.flotilla.applier.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.flotilla.clusters.Fleet;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The clusters topic: registrations and removals change the applier's {@link Fleet}, whose listener
 * ({@code reconcile.FleetMembership}) acts on them; cluster states are not the applier's concern. Every instance reads
 * the whole compacted topic from its start (a group of its own, nothing committed), so it knows the fleet as the
 * registry left it. A record that cannot be read, or credentials sealed with another key, change nothing: logged,
 * and the consumer goes on.
 */
@ApplicationScoped
public class ClusterRegistrations {

    private final Fleet fleet;

    @Inject
    public ClusterRegistrations(Fleet fleet) {
        this.fleet = fleet;
    }

    @Incoming("clusters")
    @Blocking
    public void onClusterRecord(String record) {
        fleet.offer(record);
    }
}
