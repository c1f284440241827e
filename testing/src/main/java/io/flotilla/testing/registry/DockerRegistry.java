package io.flotilla.testing.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.flotilla.embedded.net.LocalPorts;

/**
 * A real container registry (the CNCF distribution registry Debian packages as {@code docker-registry}) for
 * tests that push and pull images or Helm charts over the OCI distribution API. Started as a child process on a
 * free port of 127.0.0.1, plain HTTP, no authentication, its storage in a temp folder that {@link #close()}
 * removes with the process.
 */
public final class DockerRegistry implements AutoCloseable {

    /** Where Debian installs it; {@value #BINARY_PROPERTY} names another binary. */
    public static final String DEFAULT_BINARY = "/usr/bin/docker-registry";
    public static final String BINARY_PROPERTY = "flotilla.testing.docker-registry";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path folder;
    private final int port;

    private DockerRegistry(Process process, Path folder, int port) {
        this.process = process;
        this.folder = folder;
        this.port = port;
    }

    /** A new, empty registry, answering once this returns. */
    public static DockerRegistry start() {
        Path binary = Path.of(System.getProperty(BINARY_PROPERTY, DEFAULT_BINARY));
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("no container registry at " + binary + ": install Debian's"
                    + " docker-registry package (apt-get install docker-registry) or set -D" + BINARY_PROPERTY);
        }
        int port = LocalPorts.free();
        try {
            Path folder = Files.createTempDirectory("flotilla-registry");
            Path config = folder.resolve("config.yml");
            Files.writeString(config, config(folder.resolve("storage"), port));
            Process process = new ProcessBuilder(binary.toString(), "serve", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("registry.log").toFile())
                    .start();
            DockerRegistry registry = new DockerRegistry(process, folder, port);
            registry.awaitAnswer();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the container registry " + binary, e);
        }
    }

    private static String config(Path storage, int port) {
        return """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: %s:%d
                """.formatted(storage, LocalPorts.HOST, port);
    }

    /** {@code 127.0.0.1:port}, as OCI references name a registry. */
    public String host() {
        return LocalPorts.HOST + ":" + port;
    }

    /** {@code oci://127.0.0.1:port/<repository>}, as Helm names a chart repository in a registry. */
    public String ociUrl(String repository) {
        return "oci://" + host() + "/" + repository;
    }

    private void awaitAnswer() {
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://" + host() + "/v2/");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                close();
                throw new IllegalStateException("the container registry exited at start: " + logTail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(base).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for the container registry", e);
            }
            sleep();
        }
        close();
        throw new IllegalStateException("the container registry did not answer on " + base + " within "
                + START_TIMEOUT.toSeconds() + " s: " + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(folder.resolve("registry.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the registry and removes its storage. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temp folder left behind harms nothing.
        }
    }
}
