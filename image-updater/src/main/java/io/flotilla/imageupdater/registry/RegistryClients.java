package io.flotilla.imageupdater.registry;

import java.util.HashMap;
import java.util.Map;

/**
 * A registry client per set of credentials: the configured ones ({@code flotilla.images.credentials-file}), and
 * one per dockerconfigjson configured under the name an ImageRepository's {@code secretRef} gives. A secret no
 * file is configured for reads with the configured credentials: credentials never come from Git. All share one
 * transport, so that the per-host rate limit holds across them.
 */
public final class RegistryClients {

    private final RegistryClient configured;
    private final Map<String, RegistryClient> bySecret = new HashMap<>();

    public RegistryClients(RegistryTransport transport, RegistryCredentials configured,
            Map<String, RegistryCredentials> bySecret, Backoff backoff, int pageSize) {
        this.configured = new RegistryClient(transport, configured, backoff, pageSize);
        bySecret.forEach((secret, credentials) -> this.bySecret.put(secret,
                new RegistryClient(transport, credentials, backoff, pageSize)));
    }

    /** The client for repositories read with {@code secret} (null: the configured credentials). */
    public RegistryClient forSecret(String secret) {
        return secret == null ? configured : bySecret.getOrDefault(secret, configured);
    }
}
