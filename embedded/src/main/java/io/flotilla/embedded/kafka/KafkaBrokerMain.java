package io.flotilla.embedded.kafka;

import io.flotilla.embedded.launch.CommandLine;
import io.flotilla.embedded.launch.LauncherProcess;

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
        CommandLine line = CommandLine.read(args, USAGE, "--data-dir", "--port");
        KafkaBroker broker = KafkaBroker.start(line.requiredPath("--data-dir"), line.port("--port"));
        LauncherProcess.announceAndRunUntilStopped("KAFKA READY " + broker.bootstrapServers(), broker);
    }
}
