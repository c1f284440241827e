package io.flotilla.embedded.postgres;

import java.nio.file.Path;

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
        Path dataDir = null;
        int port = 0;
        String database = "flotilla";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(LauncherProcess.value(args, ++i, USAGE));
                case "--port" -> port = LauncherProcess.port(LauncherProcess.value(args, ++i, USAGE), USAGE);
                case "--database" -> database = LauncherProcess.value(args, ++i, USAGE);
                default -> LauncherProcess.exitWithUsage("unknown argument " + args[i], USAGE);
            }
        }
        if (dataDir == null) {
            LauncherProcess.exitWithUsage("--data-dir is required", USAGE);
        }
        Path embeddedData = dataDir;
        int embeddedPort = port;
        PostgresServer server = PostgresServer.locate(System.getenv(),
                () -> PostgresServer.embedded(embeddedData, embeddedPort));
        server.createDatabase(database);
        LauncherProcess.announceAndRunUntilStopped(
                "POSTGRES READY " + server.reactiveUrl(database) + " " + server.username(), server);
    }
}
