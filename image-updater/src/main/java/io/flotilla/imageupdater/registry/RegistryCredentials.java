package io.flotilla.imageupdater.registry;

import java.util.Map;
import java.util.Optional;

/**
 * The username and password to give a registry (for basic auth, or to its token service), by registry host;
 * none for a public registry.
 */
@FunctionalInterface
public interface RegistryCredentials {

    Optional<Login> forRegistry(String registry);

    /** A username and password (or token); {@link #toString()} never shows the password. */
    record Login(String username, String password) {
        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }

    /** No credentials for any registry. */
    public static RegistryCredentials none() {
        return registry -> Optional.empty();
    }

    /** The logins of {@code byRegistry}, keyed by registry host ({@code ghcr.io}, {@code 127.0.0.1:5000}). */
    static RegistryCredentials of(Map<String, Login> byRegistry) {
        Map<String, Login> copy = Map.copyOf(byRegistry);
        return registry -> Optional.ofNullable(copy.get(registry));
    }
}
