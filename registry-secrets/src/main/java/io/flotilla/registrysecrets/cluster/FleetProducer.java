package io.flotilla.registrysecrets.cluster;

import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.flotilla.clusters.CredentialSeal;
import io.flotilla.clusters.Fleet;

/**
 * The fleet as this service knows it, one for the whole service: its clusters' credentials unsealed with
 * {@code flotilla.clusters.credentials-key}, without which the service does not start (the message says how to make
 * a key), since it could connect to no cluster registered through the API.
 */
@Singleton
public class FleetProducer {

    @Produces
    @Singleton
    Fleet fleet(@ConfigProperty(name = CredentialSeal.PROPERTY) Optional<String> credentialsKey) {
        return new Fleet(CredentialSeal.withKey(credentialsKey.orElse(null)));
    }
}
