package io.flotilla.embedded.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.embedded.launch.ChildJvm;

class PostgresServerMainTest {

    @TempDir
    Path tmp;

    @Test
    void announcesADatabaseThatAcceptsConnections() throws Exception {
        String database = "flotilla_main_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (ChildJvm process = ChildJvm.start(PostgresServerMain.class, tmp.resolve("stderr.log"),
                "--data-dir", tmp.resolve("pg").toString(), "--database", database)) {
            String ready = process.readLine();
            assertThat(ready).matches("POSTGRES READY postgresql://[^ ]+/" + database + " [^ ]+");
            String[] words = ready.split(" ");

            PostgresServer server = PostgresServer.shared();
            try (Connection connection = connect("jdbc:" + words[2], words[3], server.password());
                    Statement sql = connection.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT current_database()")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(database);
            }

            assertThat(process.terminate()).isEqualTo(143);
        } finally {
            PostgresServer.shared().dropDatabase(database);
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        return new org.postgresql.Driver().connect(url, credentials);
    }
}
