package io.flotilla.testing.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.flotilla.security.TokenHash;
import io.flotilla.testing.fixtures.TestSecretKeys;
import io.flotilla.testing.security.TestTokens;

/**
 * One of Flotilla's services run from its packaged application ({@code <module>/target/quarkus-app}) as a process
 * of its own, as {@code ./flotilla up} runs it, for a test or a benchmark that stops it the hard way: started and
 * awaited until ready, killed ({@code kill -9}) or stopped (SIGTERM), started again with the same settings, its
 * CPU time read. Each start writes a log of its own, {@code <module>-<n>.log}, so a killed run's log stays.
 *
 * <p>Every service reads the tests' key ring ({@link io.flotilla.testing.fixtures.TestSecretKeys}), which seals Secret
 * data and credentials, cluster credentials included, from {@value #SECRET_KEYS_VARIABLE} unless the test's
 * environment names another.
 */
public final class PackagedService implements AutoCloseable {

    /** The environment variable Quarkus reads as {@code flotilla.secrets.keys}. */
    public static final String SECRET_KEYS_VARIABLE = "FLOTILLA_SECRETS_KEYS";

    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    private final String module;
    private final Path application;
    private final List<String> jvmOptions;
    private final Map<String, String> properties;
    private final Map<String, String> environment;
    private final int port;
    private final Path logs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;

    /**
     * The service of {@code module} in the checkout {@code home}, to run with these JVM options and system
     * properties ({@code quarkus.http.port} is set to {@code port}; {@link TestTokens#ADMIN} is accepted as an
     * admin), secrets in {@code environment} (the key ring is the tests' unless it names another; no
     * {@code FLOTILLA_*} variable of the test's own environment reaches the service), logs in {@code logs}. Nothing
     * runs before {@link #start}.
     */
    public PackagedService(Path home, String module, List<String> jvmOptions, Map<String, String> properties,
            Map<String, String> environment, int port, Path logs) {
        this.module = module;
        this.application = home.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
        this.jvmOptions = List.copyOf(jvmOptions);
        this.properties = Map.copyOf(properties);
        Map<String, String> withKey = new HashMap<>(Map.of(SECRET_KEYS_VARIABLE, TestSecretKeys.ENTRY));
        withKey.putAll(environment);
        this.environment = Map.copyOf(withKey);
        this.port = port;
        this.logs = logs;
    }

    /** Starts the service and returns once it answers its readiness check; fails with the end of its log. */
    public synchronized PackagedService start(Duration limit) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(module + " is running already (pid " + process.pid() + ")");
        }
        if (!Files.exists(application)) {
            throw new IllegalStateException(application + " is missing: package " + module + " first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-Dquarkus.http.port=" + port);
        // The tests' admin token, as a deployment configures one: by its hash.
        command.add("-Dflotilla.auth.tokens.test-admin.hash=" + TokenHash.of(TestTokens.ADMIN));
        command.add("-Dflotilla.auth.tokens.test-admin.roles=admin");
        command.add("-jar");
        command.add(application.toString());
        starts++;
        Path log = log();
        try {
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            // The test's own FLOTILLA_* variables (a developer's FLOTILLA_SECRETS_KEYS_FILE) would outrank the keys
            // and settings it gives the service: only those given here reach it.
            builder.environment().keySet().removeIf(name -> name.startsWith("FLOTILLA_"));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + module + ": " + e.getMessage(), e);
        }
        awaitReady(limit);
        return this;
    }

    /** Kills the process with SIGKILL, as {@code kill -9}: no shutdown hook runs, nothing is flushed. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit();
    }

    /** Asks the process to stop (SIGTERM) and waits; killed when it does not stop in time. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        awaitExit();
    }

    /** The running process' id. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(module + " is not started");
        }
        return process.pid();
    }

    /** The CPU time (user and system) the running process has used so far. */
    public Duration cpu() {
        return ProcessHandle.of(pid()).flatMap(handle -> handle.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("the CPU time of " + module + " (pid " + pid()
                        + ") cannot be read"));
    }

    /** The service's address, {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The log of the latest start. */
    public Path log() {
        return logs.resolve(module + "-" + starts + ".log");
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady(Duration limit) {
        URI health = URI.create(url() + "/q/health/ready");
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited while starting. End of " + log() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + module, e);
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException(module + " was not ready after " + limit.toSeconds() + " s. End of "
                        + log() + ":\n" + tail());
            }
            pause();
        }
    }

    private void awaitExit() {
        ProcessEnds.awaitExit(process, STOP_LIMIT);
    }

    private String tail() {
        return ProcessEnds.tail(log(), 30);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
