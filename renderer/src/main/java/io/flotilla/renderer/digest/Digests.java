package io.flotilla.renderer.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.renderer.cluster.Capabilities;

/**
 * The digests that decide whether a release must be rendered again. Values and documents are hashed in
 * canonical JSON (keys sorted), so that reordering keys in a file does not count as a change.
 */
public final class Digests {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Digests() {
    }

    /** Hex SHA-256 of a text in UTF-8. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hex SHA-256 of bytes, as registries and Helm repositories write an archive's digest. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Hex SHA-256 of the canonical JSON of a value tree (maps, lists, scalars as read from YAML). */
    public static String canonical(Object tree) {
        return sha256(canonicalJson(tree));
    }

    /** The canonical JSON of a value tree (keys sorted), what {@link #canonical} digests. */
    public static String canonicalJson(Object tree) {
        try {
            return CANONICAL.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a digest of " + tree.getClass().getSimpleName(), e);
        }
    }

    /**
     * Everything a release's event depends on: the chart (or documents), the values, the target cluster with its
     * labels, its Kubernetes version and API versions (Helm's capabilities, for a chart that asks for them; empty
     * when unknown or not asked for, and Helm's defaults are used), the release identity and its format, and what it asks of the applier (suspend, dependsOn, CRD
     * policy...). The same digest means the same event, so only a different digest is emitted again.
     */
    public static String input(String chartDigest, String valuesDigest, ClusterRef cluster, Capabilities capabilities,
            ReleaseKey release, ReleaseFormat format, ReleaseOptions options) {
        Map<String, Object> input = new TreeMap<>();
        input.put("kubeVersion", capabilities.kubeVersion() == null ? "" : capabilities.kubeVersion());
        input.put("apiVersions", capabilities.apiVersions());
        input.put("chart", chartDigest);
        input.put("values", valuesDigest == null ? "" : valuesDigest);
        input.put("cluster", cluster.name());
        input.put("labels", new TreeMap<>(cluster.labels()));
        input.put("release", release.toString());
        input.put("format", format);
        input.put("options", options);
        return canonical(input);
    }
}
