package io.flotilla.testing.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.testing.process.ServerProcess;

/**
 * A real container registry (the CNCF distribution registry Debian packages as {@code docker-registry}) for
 * tests that push and pull images or Helm charts over the OCI distribution API. Started as a child process on a
 * free port of 127.0.0.1, plain HTTP, no authentication until {@link #requireLogin} asks for one, its storage in a
 * temp folder that {@link #close()} removes with the process.
 */
public final class DockerRegistry implements AutoCloseable {

    /** Where Debian installs it; {@value #BINARY_PROPERTY} names another binary. */
    public static final String DEFAULT_BINARY = "/usr/bin/docker-registry";
    public static final String BINARY_PROPERTY = "flotilla.testing.docker-registry";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path binary;
    private final Path folder;
    private final int port;
    private ServerProcess server;

    private DockerRegistry(Path binary, ServerProcess server, Path folder, int port) {
        this.binary = binary;
        this.server = server;
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
        Path folder;
        try {
            folder = Files.createTempDirectory("flotilla-registry");
            Files.writeString(folder.resolve("config.yml"), config(folder.resolve("storage"), port, ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the container registry's folder", e);
        }
        return new DockerRegistry(binary, serve(binary, folder, port, 200), folder, port);
    }

    /**
     * Restarts the registry, with what it stores, so that it asks for {@code username} and {@code password} (HTTP
     * basic, an htpasswd file) from now on: charts and images pushed before are pulled with the login only.
     */
    public DockerRegistry requireLogin(String username, String password) {
        server.close();
        try {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            String hash = OpenBSDBCrypt.generate(password.toCharArray(), salt, 6);
            Files.writeString(folder.resolve("htpasswd"), username + ":" + hash + "\n");
            Files.writeString(folder.resolve("config.yml"), config(folder.resolve("storage"), port, """
                    auth:
                      htpasswd:
                        realm: flotilla-tests
                        path: %s
                    """.formatted(folder.resolve("htpasswd"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the container registry's htpasswd file", e);
        }
        server = serve(binary, folder, port, 401);
        return this;
    }

    /** Starts the registry of {@code folder}, answering once {@code /v2/} answers {@code readyStatus}. */
    private static ServerProcess serve(Path binary, Path folder, int port, int readyStatus) {
        URI base = URI.create("http://" + LocalPorts.HOST + ":" + port + "/v2/");
        return ServerProcess.start("the container registry " + binary,
                List.of(binary.toString(), "serve", folder.resolve("config.yml").toString()),
                folder.resolve("registry.log"), () -> answers(base, readyStatus), START_TIMEOUT);
    }

    private static String config(Path storage, int port, String auth) {
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
                """.formatted(storage, LocalPorts.HOST, port) + auth;
    }

    /** {@code 127.0.0.1:port}, as OCI references name a registry. */
    public String host() {
        return LocalPorts.HOST + ":" + port;
    }

    /** {@code oci://127.0.0.1:port/<repository>}, as Helm names a chart repository in a registry. */
    public String ociUrl(String repository) {
        return "oci://" + host() + "/" + repository;
    }

    private static boolean answers(URI base, int status) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == status;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the registry and removes its storage. */
    @Override
    public void close() {
        server.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temp folder left behind harms nothing.
        }
    }
}
