package io.flotilla.gitwatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.flotilla.embedded.kafka.KafkaBroker;
import io.flotilla.embedded.postgres.PostgresServer;
import io.flotilla.security.TokenHash;
import io.flotilla.testing.fixtures.TestSecretKeys;
import io.flotilla.testing.security.TestTokens;

/**
 * The packaged git-watcher ({@code target/quarkus-app}, built by {@code package}) as a process of its own, so that a
 * test stops and starts the service as an operator or a crash does, and sees only what its API and topics show.
 */
final class WatcherProcess implements AutoCloseable {

    /** Where failsafe says the packaged application is. */
    static final String APPLICATION_PROPERTY = "git-watcher.application";

    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final String url;
    private final Path log;

    private WatcherProcess(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /**
     * Starts the service with {@code config} as system properties ({@code quarkus.http.port} among them), taking the
     * tests' admin token ({@link TestTokens#ADMIN}) as a user's and sealing credentials with the tests' key
     * ({@link TestSecretKeys}), and waits until it is ready; its output is added to {@code log}, one file for all its
     * lives.
     */
    static WatcherProcess start(Map<String, String> config, Path log) {
        Path application = Path.of(System.getProperty(APPLICATION_PROPERTY, "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(application)) {
            throw new IllegalStateException("no packaged git-watcher at " + application.toAbsolutePath()
                    + ": run this test with 'mvnw verify', which packages the module first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        config.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-Dflotilla.auth.tokens.test-admin.hash=" + TokenHash.of(TestTokens.ADMIN));
        command.add("-Dflotilla.auth.tokens.test-admin.roles=admin");
        command.add("-Dflotilla.secrets.keys=" + TestSecretKeys.ENTRY);
        command.add("-jar");
        command.add(application.toString());
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            WatcherProcess watcher = new WatcherProcess(process,
                    "http://127.0.0.1:" + config.get("quarkus.http.port"), log);
            watcher.awaitReady();
            return watcher;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + application, e);
        }
    }

    /**
     * The settings that put a service on the shared broker and on {@code database}, with topics of its own named
     * after the database ({@code <database>.commits}...).
     */
    static Map<String, String> reaching(PostgresServer postgres, String database) {
        return Map.of(
                "kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers(),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(database),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password(),
                "flotilla.topic-prefix", topicPrefix(database),
                // The tests' repositories are on this machine's disk.
                "flotilla.outbound.schemes", "https,ssh,file",
                "flotilla.outbound.private-addresses", "true");
    }

    /** The topic prefix of a service started with {@link #reaching}. */
    static String topicPrefix(String database) {
        return database + ".";
    }

    String url() {
        return url;
    }

    /** Stops the service as a platform does (SIGTERM) and waits for it to end. */
    void stop() {
        process.destroy();
        awaitExit();
    }

    /** Ends the service at once (SIGKILL), as a crash or an out-of-memory kill does. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("git-watcher ended with exit code " + process.exitValue()
                        + " while starting; see " + log);
            }
            if (ready()) {
                return;
            }
            pause();
        }
        kill();
        throw new IllegalStateException("git-watcher was not ready within " + START_LIMIT.toSeconds() + " s; see " + log);
    }

    private boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while git-watcher started", e);
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("git-watcher did not stop within " + STOP_LIMIT.toSeconds()
                        + " s; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while git-watcher stopped", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while git-watcher started", e);
        }
    }
}
