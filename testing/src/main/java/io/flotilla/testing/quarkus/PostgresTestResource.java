package io.flotilla.testing.quarkus;

import java.util.Map;
import java.util.UUID;

import io.flotilla.embedded.postgres.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A database of its own for this JVM's Quarkus tests, {@code flotilla_test_<random>} on {@link PostgresServer#shared()},
 * dropped when the JVM ends: sets {@code quarkus.datasource.reactive.url}, {@code quarkus.datasource.username} and
 * {@code quarkus.datasource.password}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** The database's name, kept where every copy of this class sees it (Quarkus may load it more than once). */
    private static final String DATABASE_PROPERTY = "flotilla.testing.postgres.test-database";

    @Override
    public Map<String, String> start() {
        PostgresServer server = PostgresServer.shared();
        return Map.of(
                "quarkus.datasource.reactive.url", server.reactiveUrl(database(server)),
                "quarkus.datasource.username", server.username(),
                "quarkus.datasource.password", server.password());
    }

    @Override
    public void stop() {
        // The database is kept for the JVM's next Quarkus test and dropped when the JVM ends.
    }

    /** The name of this JVM's test database, created on first use. */
    public static synchronized String database(PostgresServer server) {
        String name = System.getProperty(DATABASE_PROPERTY);
        if (name == null) {
            name = "flotilla_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            server.createDatabase(name);
            String created = name;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.dropDatabase(created),
                    "flotilla-test-database-drop"));
            System.setProperty(DATABASE_PROPERTY, name);
        }
        return name;
    }
}
