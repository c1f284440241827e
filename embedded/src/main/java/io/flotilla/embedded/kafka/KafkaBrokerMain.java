package io.flotilla.embedded.kafka;

import java.nio.file.Path;

import io.flotilla.embedded.launch.LauncherProcess;
import io.flotilla.embedded.kafka.KafkaBroker;

/**
 * The local launcher's Kafka: {@code KafkaBrokerMain --data-dir DIR [--port N]} starts a broker, prints
 * {@code KAFKA READY <bootstrap>} once clients can connect, and runs until the process is stopped (SIGTERM),
 * when it shuts the broker down cleanly. Data in DIR survives a restart.
 */
public final class KafkaBrokerMain {

    private static final String USAGE = "KafkaBrokerMain --data-dir DIR [--port N]   (no port or 0: a free port)";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LauncherProcess.prepareLogging();
        Path dataDir = null;
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(LauncherProcess.value(args, ++i, USAGE));
                case "--port" -> port = LauncherProcess.port(LauncherProcess.value(args, ++i, USAGE), USAGE);
                default -> LauncherProcess.exitWithUsage("unknown argument " + args[i], USAGE);
            }
        }
        if (dataDir == null) {
            LauncherProcess.exitWithUsage("--data-dir is required", USAGE);
        }
        KafkaBroker broker = KafkaBroker.start(dataDir, port);
        LauncherProcess.announceAndRunUntilStopped("KAFKA READY " + broker.bootstrapServers(), broker);
    }
}
