package io.flotilla.imageupdater.registry;

import java.io.ByteArrayOutputStream;
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
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Pushes minimal images to a registry over its push API, as a CI job would: one layer blob, a config blob saying
 * when the image was built, and a manifest (Docker v2 or OCI) under a tag; or an OCI index over platform images;
 * or an artifact of one annotated layer, as cosign stores a signature.
 */
public final class ImagePusher {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String registry;

    public ImagePusher(String registry) {
        this.registry = registry;
    }

    /** A Docker v2 image built at {@code created}, tagged {@code tag}; returns its manifest digest. */
    public String push(String repository, String tag, Instant created) {
        return manifest(repository, tag, RegistryClient.DOCKER_MANIFEST, image(repository, created, "linux",
                RegistryClient.DOCKER_MANIFEST, "application/vnd.docker.container.image.v1+json",
                "application/vnd.docker.image.rootfs.diff.tar.gzip")).digest();
    }

    /**
     * An OCI index tagged {@code tag}: first an attestation (platform unknown/unknown, built at {@code attested}),
     * then a linux/amd64 image built at {@code created}; returns the index's digest.
     */
    String pushIndex(String repository, String tag, Instant attested, Instant created) {
        Manifest attestation = pushOciImage(repository, attested, "unknown");
        Manifest image = pushOciImage(repository, created, "linux");
        String index = """
                {"schemaVersion":2,"mediaType":"%s","manifests":[%s,%s]}""".formatted(RegistryClient.OCI_INDEX,
                entry(attestation, "unknown", "unknown"), entry(image, "linux", "amd64"));
        return manifest(repository, tag, RegistryClient.OCI_INDEX, index).digest();
    }

    /**
     * An OCI artifact under {@code tag}, as cosign pushes a signature: an empty config and one layer of
     * {@code layerType} holding {@code layer}, with {@code annotations}; returns the manifest's digest.
     */
    public String pushArtifact(String repository, String tag, String layerType, byte[] layer,
            Map<String, String> annotations) {
        byte[] config = """
                {"architecture":"","config":{},"created":"0001-01-01T00:00:00Z","os":"",\
                "rootfs":{"type":"layers","diff_ids":["%s"]}}""".formatted(digest(layer))
                .getBytes(StandardCharsets.UTF_8);
        blob(repository, layer);
        blob(repository, config);
        String manifest;
        try {
            manifest = """
                    {"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"%s","digest":"%s","size":%d},\
                    "layers":[{"mediaType":"%s","digest":"%s","size":%d,"annotations":%s}]}""".formatted(
                    RegistryClient.OCI_MANIFEST, "application/vnd.oci.image.config.v1+json", digest(config),
                    config.length, layerType, digest(layer), layer.length,
                    new ObjectMapper().writeValueAsString(annotations));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return manifest(repository, tag, RegistryClient.OCI_MANIFEST, manifest).digest();
    }

    private Manifest pushOciImage(String repository, Instant created, String os) {
        String manifest = image(repository, created, os, RegistryClient.OCI_MANIFEST,
                "application/vnd.oci.image.config.v1+json", "application/vnd.oci.image.layer.v1.tar+gzip");
        return manifest(repository, digest(manifest.getBytes(StandardCharsets.UTF_8)), RegistryClient.OCI_MANIFEST,
                manifest);
    }

    private static String entry(Manifest manifest, String os, String architecture) {
        return """
                {"mediaType":"%s","digest":"%s","size":%d,"platform":{"os":"%s","architecture":"%s"}}"""
                .formatted(RegistryClient.OCI_MANIFEST, manifest.digest(), manifest.size(), os, architecture);
    }

    private String image(String repository, Instant created, String os, String manifestType, String configType,
            String layerType) {
        byte[] layer = gzip(("built at " + created + " for " + os).getBytes(StandardCharsets.UTF_8));
        byte[] config = """
                {"architecture":"amd64","os":"%s","created":"%s","config":{},"rootfs":{"type":"layers","diff_ids":["%s"]}}"""
                .formatted(os, created, digest(layer)).getBytes(StandardCharsets.UTF_8);
        blob(repository, layer);
        blob(repository, config);
        return """
                {"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"%s","digest":"%s","size":%d},\
                "layers":[{"mediaType":"%s","digest":"%s","size":%d}]}""".formatted(manifestType, configType,
                digest(config), config.length, layerType, digest(layer), layer.length);
    }

    private void blob(String repository, byte[] content) {
        HttpResponse<byte[]> started = send(HttpRequest.newBuilder(uri(repository, "blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
        URI location = URI.create("http://" + registry).resolve(started.headers().firstValue("Location").orElseThrow());
        String separator = location.getQuery() == null ? "?" : "&";
        send(HttpRequest.newBuilder(URI.create(location + separator + "digest=" + digest(content)))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), 201);
    }

    /** A manifest as the registry holds it. */
    private record Manifest(String digest, int size) {
    }

    /** Puts {@code manifest} under {@code reference} (a tag or its own digest). */
    private Manifest manifest(String repository, String reference, String mediaType, String manifest) {
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        send(HttpRequest.newBuilder(uri(repository, "manifests/" + reference)).header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), 201);
        return new Manifest(digest(bytes), bytes.length);
    }

    private URI uri(String repository, String path) {
        return URI.create("http://" + registry + "/v2/" + repository + "/" + path);
    }

    private static HttpResponse<byte[]> send(HttpRequest request, int expected) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
