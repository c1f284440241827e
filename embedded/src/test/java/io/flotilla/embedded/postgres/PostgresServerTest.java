package io.flotilla.embedded.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.embedded.net.LocalPorts;

class PostgresServerTest {

    @TempDir
    Path tmp;

    @Test
    void aCreatedDatabaseStoresAndReturnsRows() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String db = "flotilla_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

        server.createDatabase(db).createDatabase(db);

        try (Connection connection = server.connect(db); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE release (name text primary key, revision int)");
            sql.execute("INSERT INTO release VALUES ('podinfo', 3)");
            try (ResultSet rows = sql.executeQuery("SELECT revision FROM release WHERE name = 'podinfo'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(3);
            }
        }
        assertThat(server.jdbcUrl(db)).isEqualTo("jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + db);
        assertThat(server.reactiveUrl(db)).isEqualTo("postgresql://" + server.host() + ":" + server.port() + "/" + db);
        server.dropDatabase(db);
    }

    @Test
    void aDroppedDatabaseIsGoneEvenWithConnectionsOpen() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String db = "flotilla_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.createDatabase(db);

        try (Connection open = server.connect(db)) {
            server.dropDatabase(db);
        }

        try (Connection connection = server.connect("postgres"); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + db + "'")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }

    @Test
    void refusesDatabaseNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() -> PostgresServer.shared().createDatabase("x\"; DROP DATABASE postgres; --"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("letters, digits and underscores");
    }

    @Test
    void theConfiguredServerIsUsedWhenReachable() {
        PostgresServer shared = PostgresServer.shared();
        Map<String, String> environment = Map.of(
                PostgresServer.URL_VARIABLE, shared.jdbcUrl("postgres"),
                PostgresServer.USER_VARIABLE, shared.username(),
                PostgresServer.PASSWORD_VARIABLE, shared.password());

        PostgresServer configured = PostgresServer.locate(environment, () -> {
            throw new AssertionError("nothing is embedded when a server is configured");
        });

        assertThat(configured.port()).isEqualTo(shared.port());
        assertThat(configured.username()).isEqualTo(shared.username());
    }

    @Test
    void anUnreachableConfiguredServerFailsSayingWhatToCheck() {
        int nothingListens = LocalPorts.free();
        Map<String, String> environment = Map.of(PostgresServer.URL_VARIABLE,
                "postgresql://flotilla:secret@127.0.0.1:" + nothingListens + "/flotilla");

        assertThatThrownBy(() -> PostgresServer.locate(environment, () -> {
            throw new AssertionError("a configured server is never replaced by an embedded one");
        }))
                .hasMessageContaining("127.0.0.1:" + nothingListens)
                .hasMessageContaining("FLOTILLA_DB_URL")
                .hasMessageNotContaining("secret");
    }

    @Test
    void withNothingAvailableTheMessageSaysHowToProvideAServer() {
        int nothingListens = LocalPorts.free();
        PostgresLocation absentLocal = new PostgresLocation("127.0.0.1", nothingListens, "postgres", "postgres", "");

        assertThatThrownBy(() -> PostgresServer.locate(Map.of(), absentLocal, () -> {
            throw new IllegalStateException("embedded PostgreSQL unavailable here");
        }))
                .hasMessageContaining("set FLOTILLA_DB_URL=jdbc:postgresql://")
                .hasMessageContaining("127.0.0.1:" + nothingListens)
                .hasMessageContaining("embedded PostgreSQL unavailable here");
    }

    @Test
    void withoutConfigurationAReachableLocalServerComesBeforeAnEmbeddedOne() {
        PostgresServer shared = PostgresServer.shared();
        PostgresLocation local = new PostgresLocation(shared.host(), shared.port(), "postgres", shared.username(),
                shared.password());

        PostgresServer located = PostgresServer.locate(Map.of(), local, () -> {
            throw new AssertionError("nothing is embedded when a local server answers");
        });

        assertThat(located.port()).isEqualTo(shared.port());
    }

    @Test
    @DisabledIfSystemProperty(named = "user.name", matches = "root", disabledReason = "PostgreSQL refuses to run as root")
    void anEmbeddedServerKeepsItsDataAcrossRestarts() throws Exception {
        Path data = tmp.resolve("pg");
        int port;
        try (PostgresServer embedded = PostgresServer.embedded(data, 0)) {
            port = embedded.port();
            embedded.createDatabase("kept");
            try (Connection connection = embedded.connect("kept"); Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE t (v text)");
                sql.execute("INSERT INTO t VALUES ('still here')");
            }
        }
        assertThat(LocalPorts.isListening(port)).isFalse();
        try (PostgresServer again = PostgresServer.embedded(data, port);
                Connection connection = again.connect("kept");
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT v FROM t")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void embeddingAsRootFailsWithTheReason() {
        String user = System.getProperty("user.name");
        System.setProperty("user.name", "root");
        try {
            assertThatThrownBy(() -> PostgresServer.embedded(tmp.resolve("pg"), 0))
                    .hasMessageContaining("refuses to run as root");
        } finally {
            System.setProperty("user.name", user);
        }
    }
}
