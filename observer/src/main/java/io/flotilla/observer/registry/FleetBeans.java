package io.flotilla.observer.registry;

import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.flotilla.clusters.CredentialSeal;
import io.flotilla.clusters.Fleet;
import io.flotilla.events.sealing.KeyRing;

/**
 * The seal of the fleet's credentials and the live fleet, one of each for the observer. The seal is the installation's
 * key ring ({@code flotilla.secrets.keys-file} or {@code flotilla.secrets.keys}, without which the observer does not
 * start), with {@code flotilla.clusters.credentials-key} where credentials sealed before the ring are kept.
 */
public class FleetBeans {

    @Produces
    @Singleton
    CredentialSeal seal(KeyRing ring, @ConfigProperty(name = CredentialSeal.EARLIER_KEY) Optional<String> earlierKey) {
        return CredentialSeal.with(ring, earlierKey);
    }

    /** The clusters registered now; the registry changes it, the observer's watches follow it. */
    @Produces
    @Singleton
    Fleet fleet(CredentialSeal seal) {
        return new Fleet(seal);
    }
}
