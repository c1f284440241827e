package io.flotilla.imageupdater.share;

import java.util.Map;

import io.flotilla.embedded.postgres.PostgresServer;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The channel webhooks are passed on through: this JVM's test database ({@link PostgresTestResource}). */
public class PushNoticesResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        PostgresServer server = PostgresServer.shared();
        String url = server.reactiveUrl(PostgresTestResource.database(server));
        String credentials = server.username() + (server.password() == null || server.password().isEmpty() ? ""
                : ":" + server.password());
        return Map.of("flotilla.images.push-notices.url", url.replaceFirst("://", "://" + credentials + "@"));
    }

    @Override
    public void stop() {
        // The database is the JVM's, dropped when it ends.
    }
}
