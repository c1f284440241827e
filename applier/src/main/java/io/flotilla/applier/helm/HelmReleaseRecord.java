package io.flotilla.applier.helm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Helm's own record of one release revision, as Helm 3 keeps it in a Secret named
 * {@code sh.helm.release.v1.<name>.v<version>}: the release as JSON, gzipped, base64-encoded, under the
 * key {@code release}. Written so that Helm itself sees Flotilla's releases as its own.
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

    /**
     * Helm's release object, as Helm writes it: {@code helm list}, {@code history}, {@code get manifest}, {@code get
     * hooks}, {@code get values} and {@code status} show it, {@code rollback}, {@code upgrade} (with
     * {@code --reuse-values}), {@code test} and {@code uninstall} work from it. {@code config} holds the values the
     * release was rendered with, and {@code chart} the chart's metadata, default values and templates, when the
     * rendering carries them; otherwise the chart is its name and version only.
     *
     * @param firstDeployed when the release's first revision was deployed
     * @param deployed      when this revision was
     */
    public static Map<String, Object> release(String name, String namespace, int version, String status,
            String chartName, String chartVersion, String description, HelmReleaseContent content,
            Instant firstDeployed, Instant deployed) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("first_deployed", firstDeployed.toString());
        info.put("last_deployed", deployed.toString());
        info.put("deleted", "");
        info.put("description", description);
        info.put("status", status);
        info.put("notes", content.notes());
        Map<String, Object> chart = content.chart().isEmpty() ? nameOnly(chartName, chartVersion) : content.chart();
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("name", name);
        release.put("info", info);
        release.put("chart", chart);
        release.put("config", content.config());
        release.put("manifest", content.manifest());
        release.put("hooks", content.hooks());
        release.put("version", version);
        release.put("namespace", namespace);
        return release;
    }

    /** A chart Helm knows by name and version only: no templates, no default values. */
    private static Map<String, Object> nameOnly(String chartName, String chartVersion) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", chartName);
        metadata.put("version", chartVersion);
        metadata.put("apiVersion", "v2");
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("metadata", metadata);
        chart.put("templates", List.of());
        chart.put("values", Map.of());
        return chart;
    }

    /** When the release's first revision was deployed, as {@code record} (a decoded release) says; empty if not. */
    public static Optional<Instant> firstDeployed(Map<String, Object> record) {
        if (record.get("info") instanceof Map<?, ?> info && info.get("first_deployed") instanceof String first
                && !first.isEmpty()) {
            try {
                // Helm writes the time with its zone's offset, Flotilla in UTC: both are RFC 3339.
                return Optional.of(OffsetDateTime.parse(first).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
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
