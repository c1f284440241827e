package io.flotilla.observer.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.flotilla.clusters.Fleet;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The registrations and removals the other observer instances make through their API, on the clusters topic: each
 * instance's fleet (which its registry read from its table at start) follows them, so the instance that owns a
 * cluster watches it wherever it was registered. This instance's own come back too, and change nothing. Read from
 * the newest records by a consumer group of this instance's own, on a worker of its own.
 */
@ApplicationScoped
public class RegistrationConsumer {

    private final Fleet fleet;

    public RegistrationConsumer(Fleet fleet) {
        this.fleet = fleet;
    }

    @Incoming("registrations")
    @Blocking("observer-registrations")
    public void registration(String record) {
        fleet.offer(record);
    }
}
