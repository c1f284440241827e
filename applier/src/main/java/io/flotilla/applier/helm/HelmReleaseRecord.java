package io.flotilla.applier.helm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Helm's own record of one release revision, as Helm 3 keeps it in a Secret named
 * {@code sh.helm.release.v1.<name>.v<version>}: the release as JSON, gzipped, base64-encoded, under the
 * key {@code release}. Written so that {@code helm list} and {@code helm history} show Flotilla's releases.
 */
public final class HelmReleaseRecord {

    public static final String SECRET_TYPE = "helm.sh/release.v1";
    public static final String DEPLOYED = "deployed";
    public static final String FAILED = "failed";
    public static final String SUPERSEDED = "superseded";

    private static final ObjectMapper JSON = new ObjectMapper();

    private HelmReleaseRecord() {
    }

    public static String secretName(String release, int version) {
        return "sh.helm.release.v1." + release + ".v" + version;
    }

    /** The labels Helm queries its records by. */
    public static Map<String, String> labels(String release, int version, String status) {
        return Map.of("name", release, "owner", "helm", "status", status, "version", Integer.toString(version));
    }

    /** Helm's release object, with the fields {@code helm list} and {@code helm history} show. */
    public static Map<String, Object> release(String name, String namespace, int version, String status,
            String chartName, String chartVersion, String description, String manifest, Instant deployed) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("first_deployed", deployed.toString());
        info.put("last_deployed", deployed.toString());
        info.put("deleted", "");
        info.put("description", description);
        info.put("status", status);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", chartName);
        metadata.put("version", chartVersion);
        metadata.put("apiVersion", "v2");
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("metadata", metadata);
        chart.put("templates", List.of());
        chart.put("values", Map.of());
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("name", name);
        release.put("info", info);
        release.put("chart", chart);
        release.put("config", Map.of());
        release.put("manifest", manifest);
        release.put("version", version);
        release.put("namespace", namespace);
        return release;
    }

    /** base64(gzip(JSON)), the value Helm stores under {@code release}. */
    public static String encode(Map<String, Object> release) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            JSON.writeValue(gzip, release);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    public static Map<String, Object> decode(String encoded) {
        byte[] compressed = Base64.getDecoder().decode(encoded.getBytes(StandardCharsets.US_ASCII));
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return JSON.readValue(gzip, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
