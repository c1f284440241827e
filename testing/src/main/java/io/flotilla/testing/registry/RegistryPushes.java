package io.flotilla.testing.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What CI does to a registry after a build, over its push API (a layer and a config blob, then a Docker v2 manifest
 * under a tag: the smallest image a registry takes), and the notification the registry then sends, in the
 * distribution registry's envelope.
 */
public final class RegistryPushes {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    private final String registry;

    /** Pushes to {@code registry} ({@code host:port}, plain HTTP). */
    public RegistryPushes(String registry) {
        this.registry = registry;
    }

    /** Pushes {@code repository:tag}, built at {@code created}; returns its manifest digest. */
    public String push(String repository, String tag, Instant created) {
        byte[] layer = ("the layer of " + repository + ":" + tag + " built at " + created)
                .getBytes(StandardCharsets.UTF_8);
        byte[] config = """
                {"architecture":"amd64","os":"linux","created":"%s","config":{},\
                "rootfs":{"type":"layers","diff_ids":["%s"]}}""".formatted(created, digest(layer))
                .getBytes(StandardCharsets.UTF_8);
        upload(repository, layer);
        upload(repository, config);
        byte[] manifest = """
                {"schemaVersion":2,"mediaType":"%s",\
                "config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"%s","size":%d},\
                "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","digest":"%s","size":%d}]}\
                """.formatted(MANIFEST, digest(config), config.length, digest(layer), layer.length)
                .getBytes(StandardCharsets.UTF_8);
        send(HttpRequest.newBuilder(uri(repository, "manifests/" + tag)).header("Content-Type", MANIFEST)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(), 201);
        return digest(manifest);
    }

    /** The registry's notification of a push of {@code tag} to each of {@code repositories}. */
    public String notification(List<String> repositories, String tag) {
        return repositories.stream().map(repository -> """
                {"id":"push-%1$s-%2$s","timestamp":"%3$s","action":"push",\
                "target":{"mediaType":"%4$s","repository":"%1$s","tag":"%2$s",\
                "url":"http://%5$s/v2/%1$s/manifests/%2$s"},"request":{"host":"%5$s","method":"PUT"}}"""
                .formatted(repository, tag, Instant.now(), MANIFEST, registry))
                .collect(Collectors.joining(",", "{\"events\":[", "]}"));
    }

    /** {@code host:port}, as image references name the registry. */
    public String host() {
        return registry;
    }

    private void upload(String repository, byte[] content) {
        HttpResponse<String> started = send(HttpRequest.newBuilder(uri(repository, "blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
        URI location = URI.create("http://" + registry).resolve(started.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("the registry started an upload without a Location")));
        send(HttpRequest.newBuilder(URI.create(location + (location.getQuery() == null ? "?" : "&") + "digest="
                + digest(content))).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), 201);
    }

    private URI uri(String repository, String path) {
        return URI.create("http://" + registry + "/v2/" + repository + "/" + path);
    }

    private static HttpResponse<String> send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
