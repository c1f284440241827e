package io.flotilla.testing.oidc;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts {@link KeycloakServer} for a Quarkus test class and turns the service's OpenID Connect on against it: bearer
 * tokens of the realm are accepted, and its realm role {@code flotilla-operators} grants Flotilla's operator
 * ({@code flotilla.auth.oidc.roles.operator}). The distribution is the zip the module's build copies to
 * {@code flotilla.keycloak.distribution} (a system property of the test run).
 */
public final class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    private static KeycloakServer server;

    /** The running provider, to ask for tokens. */
    public static KeycloakServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        String distribution = System.getProperty("flotilla.keycloak.distribution");
        if (distribution == null) {
            throw new IllegalStateException("flotilla.keycloak.distribution is not set: the module's build copies "
                    + "org.keycloak:keycloak-quarkus-dist there for this test");
        }
        Path zip = Path.of(distribution);
        server = KeycloakServer.start(zip, zip.getParent());
        return Map.of("quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", server.issuer(),
                "quarkus.oidc.client-id", KeycloakServer.CLIENT,
                "quarkus.oidc.credentials.secret", KeycloakServer.SECRET,
                "flotilla.auth.oidc.roles.operator", "flotilla-operators");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
