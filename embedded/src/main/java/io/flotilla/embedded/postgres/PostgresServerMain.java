package io.flotilla.embedded.postgres;

import java.nio.file.Path;

import io.flotilla.embedded.launch.CommandLine;
import io.flotilla.embedded.launch.LauncherProcess;

/**
 * The local launcher's PostgreSQL: {@code PostgresServerMain --data-dir DIR [--port N] [--database NAME]} finds a
 * server as {@link PostgresServer#shared()} does (FLOTILLA_DB_URL, else 127.0.0.1:5432, else an embedded one with
 * its data in DIR), creates the database (default {@code flotilla}), prints
 * {@code POSTGRES READY postgresql://host:port/NAME USERNAME} and runs until stopped (SIGTERM), stopping an
 * embedded server cleanly. The password is the one the user configured (FLOTILLA_DB_PASSWORD or the URL), empty
 * otherwise; it is not printed.
 */
public final class PostgresServerMain {

    private static final String USAGE = "PostgresServerMain --data-dir DIR [--port N] [--database NAME]";

    private PostgresServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LauncherProcess.prepareLogging();
        CommandLine line = CommandLine.read(args, USAGE, "--data-dir", "--port", "--database");
        Path dataDir = line.requiredPath("--data-dir");
        int port = line.port("--port");
        String database = line.value("--database", "flotilla");
        PostgresServer server = PostgresServer.locate(System.getenv(), () -> PostgresServer.embedded(dataDir, port));
        server.createDatabase(database);
        LauncherProcess.announceAndRunUntilStopped(
                "POSTGRES READY " + server.reactiveUrl(database) + " " + server.username(), server);
    }
}
