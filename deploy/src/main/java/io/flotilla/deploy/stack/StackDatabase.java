package io.flotilla.deploy.stack;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The PostgreSQL server the stack keeps its state in: {@code FLOTILLA_DB_URL} (with
 * {@code FLOTILLA_DB_USER} / {@code FLOTILLA_DB_PASSWORD}) when set, else one on 127.0.0.1:5432.
 */
public record StackDatabase(String host, int port, String user, String password) {

    static {
        DriverManager.setLoginTimeout(3);
    }

    /** The configured or local server, if it answers. */
    public static Optional<StackDatabase> reachable() {
        StackDatabase candidate = configured();
        return candidate.answers() ? Optional.of(candidate) : Optional.empty();
    }

    static StackDatabase configured() {
        String url = System.getenv("FLOTILLA_DB_URL");
        String user = Optional.ofNullable(System.getenv("FLOTILLA_DB_USER")).orElse("postgres");
        String password = Optional.ofNullable(System.getenv("FLOTILLA_DB_PASSWORD")).orElse("");
        if (url == null || url.isBlank()) {
            return new StackDatabase("127.0.0.1", 5432, user, password);
        }
        URI uri = URI.create(url.replaceFirst("^jdbc:", "").replaceFirst("^postgres:", "postgresql:"));
        if (uri.getHost() == null) {
            throw new StackException("FLOTILLA_DB_URL '" + url + "' names no host; expected postgresql://host:port/db");
        }
        return new StackDatabase(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user, password);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The URL form Quarkus' reactive client takes. */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    boolean answers() {
        try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres"), user, password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Creates {@code database}, emptied first when {@code fresh}. */
    public void prepare(String database, boolean fresh) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new StackException("database name '" + database + "' must be lower case letters, digits and _");
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                Statement statement = connection.createStatement()) {
            if (fresh) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
            boolean exists;
            try (var rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                exists = rows.next();
            }
            if (!exists) {
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new StackException("cannot prepare database " + database + " on " + host + ":" + port + " as "
                    + user + ": " + e.getMessage(), e);
        }
    }
}
