package io.flotilla.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.testing.launch.ChildJvm;

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
            try (Connection connection = DriverManager.getConnection("jdbc:" + words[2], words[3], server.password());
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
}
