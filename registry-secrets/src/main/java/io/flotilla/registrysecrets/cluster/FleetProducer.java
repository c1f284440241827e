package io.flotilla.registrysecrets.cluster;

import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.flotilla.clusters.CredentialSeal;
import io.flotilla.clusters.Fleet;
import io.flotilla.events.sealing.KeyRing;

/**
 * The fleet as this service knows it, one for the whole service: its clusters' credentials opened with the
 * installation's key ring ({@code flotilla.secrets.keys-file} or {@code flotilla.secrets.keys}, without which the
 * service does not start, since it could connect to no cluster registered through the API), and with
 * {@code flotilla.clusters.credentials-key} where credentials sealed before the ring are announced.
 */
@Singleton
public class FleetProducer {

    @Produces
    @Singleton
    Fleet fleet(KeyRing ring, @ConfigProperty(name = CredentialSeal.EARLIER_KEY) Optional<String> earlierKey) {
        return new Fleet(CredentialSeal.with(ring, earlierKey));
    }
}
