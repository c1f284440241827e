package io.flotilla.observer.registry;

import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.flotilla.clusters.CredentialSeal;
import io.flotilla.clusters.Fleet;

/**
 * The seal of the fleet's credentials and the live fleet, one of each for the observer. A missing or malformed
 * {@code flotilla.clusters.credentials-key} fails the start with what to give.
 */
public class FleetBeans {

    @Produces
    @Singleton
    CredentialSeal seal(@ConfigProperty(name = CredentialSeal.PROPERTY) Optional<String> key) {
        return CredentialSeal.withKey(key.orElse(null));
    }

    /** The clusters registered now; the registry changes it, the observer's watches follow it. */
    @Produces
    @Singleton
    Fleet fleet(CredentialSeal seal) {
        return new Fleet(seal);
    }
}
