package io.flotilla.renderer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Helm HTTP repository for tests: charts packaged by Helm itself, an {@code index.yaml} with an ETag that
 * answers 304 to {@code If-None-Match}, and basic auth when asked.
 */
public final class HelmRepositoryServer implements AutoCloseable {

    private static final String ETAG = "\"index-1\"";

    private final HttpServer server;
    private final Path dir;
    private final List<String> entries = new ArrayList<>();
    private final AtomicInteger indexDownloads = new AtomicInteger();
    private final AtomicInteger indexNotModified = new AtomicInteger();
    private final AtomicInteger chartDownloads = new AtomicInteger();
    private volatile String credentials;

    private HelmRepositoryServer(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    public static HelmRepositoryServer start(Path dir) {
        try {
            return new HelmRepositoryServer(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Packages test chart {@code name} as {@code version} with Helm and lists it in the index. */
    public HelmRepositoryServer chart(String name, String version) {
        TestCharts.packaged(name, version, dir);
        entries.add("""
                  - name: %s
                    version: %s
                    urls:
                      - %s-%s.tgz
                """.formatted(name, version, name, version));
        return this;
    }

    public HelmRepositoryServer requireBasicAuth(String username, String password) {
        credentials = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/charts";
    }

    /** Times the index was sent in full. */
    public int indexDownloads() {
        return indexDownloads.get();
    }

    /** Times the index was asked for again and had not changed (304). */
    public int indexNotModified() {
        return indexNotModified.get();
    }

    /** Times a packaged chart was sent. */
    public int chartDownloads() {
        return chartDownloads.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (credentials != null && !credentials.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/charts/index.yaml")) {
                if (ETAG.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    indexNotModified.incrementAndGet();
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                indexDownloads.incrementAndGet();
                exchange.getResponseHeaders().add("ETag", ETAG);
                send(exchange, ("apiVersion: v1\nentries:\n  app:\n" + String.join("", entries))
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            Path file = dir.resolve(path.substring(path.lastIndexOf('/') + 1));
            if (!path.startsWith("/charts/") || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            chartDownloads.incrementAndGet();
            send(exchange, Files.readAllBytes(file));
        }
    }

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
