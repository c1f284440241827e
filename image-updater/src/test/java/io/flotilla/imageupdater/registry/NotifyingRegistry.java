package io.flotilla.imageupdater.registry;

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
import java.util.stream.Stream;

import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.testing.process.ServerProcess;
import io.flotilla.testing.registry.DockerRegistry;

/**
 * A real registry (Debian's docker-registry, as {@link DockerRegistry}) that sends its push notifications to an
 * endpoint with a bearer token, as an operator configures {@code notifications.endpoints}: what a test of the
 * registry webhook needs, since {@link DockerRegistry} starts one without notifications.
 */
public final class NotifyingRegistry implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ServerProcess server;
    private final Path folder;
    private final int port;

    private NotifyingRegistry(ServerProcess server, Path folder, int port) {
        this.server = server;
        this.folder = folder;
        this.port = port;
    }

    /** A new, empty registry notifying {@code endpoint} of every push with {@code Authorization: Bearer <token>}. */
    public static NotifyingRegistry start(String endpoint, String token) {
        Path binary = Path.of(System.getProperty(DockerRegistry.BINARY_PROPERTY, DockerRegistry.DEFAULT_BINARY));
        int port = LocalPorts.free();
        Path folder;
        try {
            folder = Files.createTempDirectory("flotilla-notifying-registry");
            Files.writeString(folder.resolve("config.yml"), """
                    version: 0.1
                    log:
                      level: warn
                    storage:
                      filesystem:
                        rootdirectory: %s
                    http:
                      addr: %s:%d
                    notifications:
                      endpoints:
                        - name: flotilla
                          url: %s
                          headers:
                            Authorization: [Bearer %s]
                          timeout: 5s
                          threshold: 3
                          backoff: 1s
                          ignoredmediatypes:
                            - application/octet-stream
                    """.formatted(folder.resolve("storage"), LocalPorts.HOST, port, endpoint, token));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the registry's folder", e);
        }
        URI base = URI.create("http://" + LocalPorts.HOST + ":" + port + "/v2/");
        ServerProcess server = ServerProcess.start("the notifying registry " + binary,
                List.of(binary.toString(), "serve", folder.resolve("config.yml").toString()),
                folder.resolve("registry.log"), () -> answers(base), Duration.ofSeconds(30));
        return new NotifyingRegistry(server, folder, port);
    }

    /** {@code 127.0.0.1:port}, as image references name a registry. */
    public String host() {
        return LocalPorts.HOST + ":" + port;
    }

    private static boolean answers(URI base) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

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
