package io.flotilla.renderer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A Helm HTTP repository for tests: charts packaged by Helm itself, an {@code index.yaml} with an ETag that
 * answers 304 to {@code If-None-Match}, basic auth when asked, over HTTP or HTTPS.
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

    private HelmRepositoryServer(Path dir, HttpServer server) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.server = server;
        server.createContext("/", this::serve);
        server.start();
    }

    public static HelmRepositoryServer start(Path dir) {
        try {
            return new HelmRepositoryServer(dir, HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Over HTTPS, with a certificate for 127.0.0.1 signed by nobody the JDK trusts: made with the JDK's keytool,
     * and written as PEM to {@code certificate}, which is what a client must trust (a Secret's {@code ca.crt}).
     */
    public static HelmRepositoryServer startHttps(Path dir, Path certificate) {
        try {
            Path keyStore = dir.resolveSibling(dir.getFileName() + "-tls.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-keystore", keyStore.toString(),
                    "-storetype", "PKCS12", "-storepass", "changeit");
            run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(),
                    "-storepass", "changeit", "-file", certificate.toString());
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keyStore)) {
                keys.load(in, "changeit".toCharArray());
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, "changeit".toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new HelmRepositoryServer(dir, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the Helm repository: " + e.getMessage(), e);
        }
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
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
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort()
                + "/charts";
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
