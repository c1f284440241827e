package io.flotilla.embedded.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flotilla.embedded.net.LocalPorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server for tests and the local launcher. {@link #shared()} looks, in this order, for the server named
 * by {@code FLOTILLA_DB_URL} (with {@code FLOTILLA_DB_USER}, {@code FLOTILLA_DB_PASSWORD}), one at 127.0.0.1:5432
 * accepting user {@code postgres} without a password, and else starts an embedded PostgreSQL from Maven Central.
 * Each test suite then creates its own database on it.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String URL_VARIABLE = "FLOTILLA_DB_URL";
    public static final String USER_VARIABLE = "FLOTILLA_DB_USER";
    public static final String PASSWORD_VARIABLE = "FLOTILLA_DB_PASSWORD";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final String HOST = LocalPorts.HOST;
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final int CONNECT_TIMEOUT_SECONDS = 3;
    private static final String DUPLICATE_DATABASE = "42P04";

    /**
     * A server the test run chose for every JVM of it (PostgreSQL in a container, see the testing module's
     * infrastructure switch): its JDBC URL, user and password; {@link #shared()} then uses it and nothing else.
     */
    public static final String SHARED_URL_PROPERTY = "flotilla.testing.postgres.shared-url";
    public static final String SHARED_USER_PROPERTY = "flotilla.testing.postgres.shared-user";
    public static final String SHARED_PASSWORD_PROPERTY = "flotilla.testing.postgres.shared-password";

    /** Where the shared embedded server listens, so classes loaded twice (Quarkus tests) still share one. */
    private static final String SHARED_EMBEDDED_PORT_PROPERTY = "flotilla.testing.postgres.shared-embedded-port";

    private static final Driver DRIVER = new org.postgresql.Driver();

    private static PostgresServer shared;

    private final PostgresLocation location;
    private final String origin;
    private final EmbeddedPostgres embedded;

    private PostgresServer(PostgresLocation location, String origin, EmbeddedPostgres embedded) {
        this.location = location;
        this.origin = origin;
        this.embedded = embedded;
    }

    /** The server this JVM's tests share, found or started on first use; an embedded one stops with the JVM. */
    public static synchronized PostgresServer shared() {
        String chosen = System.getProperty(SHARED_URL_PROPERTY);
        if (shared == null && chosen != null) {
            shared = new PostgresServer(PostgresLocation.parse(chosen, System.getProperty(SHARED_USER_PROPERTY),
                    System.getProperty(SHARED_PASSWORD_PROPERTY)), SHARED_URL_PROPERTY, null);
            LOG.info("PostgreSQL for this JVM: {} ({})", shared.location, shared.origin);
        }
        if (shared == null) {
            shared = locate(System.getenv(), () -> {
                String port = System.getProperty(SHARED_EMBEDDED_PORT_PROPERTY);
                if (port != null) {
                    return new PostgresServer(embeddedLocation(Integer.parseInt(port)), "embedded", null);
                }
                PostgresServer started = start(null, 0, true);
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "flotilla-postgres-shutdown"));
                System.setProperty(SHARED_EMBEDDED_PORT_PROPERTY, String.valueOf(started.port()));
                return started;
            });
            LOG.info("PostgreSQL for this JVM: {} ({})", shared.location, shared.origin);
        }
        return shared;
    }

    /**
     * The configured server, else the local one, else what {@code embedded} gives; what the launcher and
     * {@link #shared()} both do.
     */
    public static PostgresServer locate(Map<String, String> environment, EmbeddedStart embedded) {
        return locate(environment, new PostgresLocation(HOST, PostgresLocation.DEFAULT_PORT, "postgres", "postgres", ""),
                embedded);
    }

    static PostgresServer locate(Map<String, String> environment, PostgresLocation local, EmbeddedStart embedded) {
        String url = environment.get(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            PostgresLocation configured = PostgresLocation.parse(url,
                    environment.get(USER_VARIABLE), environment.get(PASSWORD_VARIABLE));
            String problem = problemConnecting(configured);
            if (problem != null) {
                throw new IllegalStateException("cannot connect to PostgreSQL at " + configured + " given by "
                        + URL_VARIABLE + ": " + problem + ". Check the URL, " + USER_VARIABLE + " and "
                        + PASSWORD_VARIABLE + ", or unset " + URL_VARIABLE + " to use a local or embedded server.");
            }
            return new PostgresServer(configured, URL_VARIABLE, null);
        }
        String localProblem = problemConnecting(local);
        if (localProblem == null) {
            return new PostgresServer(local, "local server", null);
        }
        LOG.info("no PostgreSQL at {} ({}); starting an embedded one", local, localProblem);
        try {
            return embedded.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("no PostgreSQL available. Tried: " + URL_VARIABLE + " (not set); "
                    + local + " (" + localProblem + "); an embedded PostgreSQL (" + e.getMessage() + "). "
                    + "Provide one: set " + URL_VARIABLE + "=jdbc:postgresql://HOST:PORT/postgres with "
                    + USER_VARIABLE + " and " + PASSWORD_VARIABLE + ", or run PostgreSQL on " + local.host() + ":"
                    + local.port() + " accepting user " + local.username() + " (trust authentication).", e);
        }
    }

    /**
     * Starts an embedded PostgreSQL with its data in {@code dataDir} (kept across restarts) on {@code port}, or a
     * free port when 0. PostgreSQL refuses to run as root, so this needs an ordinary user.
     */
    public static PostgresServer embedded(Path dataDir, int port) {
        return start(dataDir, port, false);
    }

    /** {@code dataDir} null: a new temp folder. */
    private static PostgresServer start(Path dataDir, int port, boolean removeDataOnClose) {
        if ("root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("PostgreSQL refuses to run as root, so it cannot be embedded in this "
                    + "process (user root)");
        }
        Path folder = dataDir == null ? temporaryDirectory() : dataDir;
        int chosen = port == 0 ? LocalPorts.free() : port;
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(folder)
                    .setCleanDataDirectory(removeDataOnClose)
                    .setPort(chosen)
                    .setServerConfig("listen_addresses", HOST)
                    .start();
            LOG.info("embedded PostgreSQL started on {}:{} (data in {})", HOST, chosen, folder);
            return new PostgresServer(embeddedLocation(chosen), "embedded", server);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot start an embedded PostgreSQL in " + folder + " on port " + chosen
                    + ": " + e.getMessage(), e);
        }
    }

    /** Creates database {@code name} unless it exists; names are letters, digits and underscores. */
    public PostgresServer createDatabase(String name) {
        checkName(name);
        try (Connection connection = connect(location);
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet found = exists.executeQuery()) {
                if (found.next()) {
                    return this;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name + "\"");
            }
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw new IllegalStateException("cannot create database " + name + " on " + location + ": "
                        + e.getMessage(), e);
            }
        }
        return this;
    }

    /** Drops database {@code name} if it exists, closing the connections still open to it. */
    public PostgresServer dropDatabase(String name) {
        checkName(name);
        try (Connection connection = connect(location); Statement drop = connection.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + name + " on " + location + ": "
                    + e.getMessage(), e);
        }
        return this;
    }

    /** {@code jdbc:postgresql://host:port/db}. */
    public String jdbcUrl(String database) {
        return location.jdbcUrl(database);
    }

    /** {@code postgresql://host:port/db}, for {@code quarkus.datasource.reactive.url}. */
    public String reactiveUrl(String database) {
        return location.reactiveUrl(database);
    }

    public String host() {
        return location.host();
    }

    public int port() {
        return location.port();
    }

    public String username() {
        return location.username();
    }

    /** The password, empty where the server trusts local connections. */
    public String password() {
        return location.password();
    }

    /** Opens a JDBC connection to {@code database} as {@link #username()}. */
    public Connection connect(String database) throws SQLException {
        return connect(location.withDatabase(database));
    }

    /** Stops the server if it was started here (embedded); a server found running is left alone. */
    @Override
    public void close() {
        if (embedded == null) {
            return;
        }
        try {
            embedded.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL on port {} did not stop cleanly: {}", port(), e.toString());
        }
    }

    /** How a server is started when none is reachable; lets the launcher choose its data folder and port. */
    @FunctionalInterface
    public interface EmbeddedStart {
        PostgresServer start();
    }

    private static void checkName(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a database name this server creates: use "
                    + "letters, digits and underscores, starting with a letter or underscore");
        }
    }

    private static PostgresLocation embeddedLocation(int port) {
        return new PostgresLocation(HOST, port, "postgres", "postgres", "");
    }

    private static String problemConnecting(PostgresLocation location) {
        try (Connection connection = connect(location)) {
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static Connection connect(PostgresLocation location) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", location.username());
        properties.setProperty("password", location.password());
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        // The driver itself, not DriverManager: in a JVM running Quarkus tests, DriverManager refuses drivers that
        // another class loader registered first.
        Connection connection = DRIVER.connect(location.jdbcUrl(location.database()), properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + location.jdbcUrl(location.database()));
        }
        return connection;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("flotilla-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for an embedded PostgreSQL", e);
        }
    }
}
