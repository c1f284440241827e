package io.flotilla.testing.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A server that a test or a benchmark runs as a child process for as long as it needs it (a container registry,
 * {@code git daemon}): its output in a log, awaited until it answers, stopped on {@link #close()}.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path log;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} and returns once {@code answers} says it serves. Fails, with the end of its log, when it
     * exits first or does not answer within {@code limit}.
     */
    public static ServerProcess start(String name, List<String> command, Path log, BooleanSupplier answers,
            Duration limit) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
        ServerProcess server = new ServerProcess(name, process, log);
        long deadline = System.nanoTime() + limit.toNanos();
        while (!answers.getAsBoolean()) {
            if (!process.isAlive()) {
                server.close();
                throw new IllegalStateException(name + " exited at start. End of " + log + ":\n" + server.logTail());
            }
            if (System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException(name + " did not answer within " + limit.toSeconds() + " s. End of "
                        + log + ":\n" + server.logTail());
            }
            pause(server);
        }
        return server;
    }

    /** The last lines of the server's log. */
    public String logTail() {
        return ProcessEnds.tail(log, 20);
    }

    /** Stops the server: asked first, forced when it does not stop in time. */
    @Override
    public void close() {
        process.destroy();
        ProcessEnds.awaitExit(process, STOP_LIMIT);
    }

    private static void pause(ServerProcess server) {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new IllegalStateException("interrupted while waiting for " + server.name + " to answer", e);
        }
    }
}
