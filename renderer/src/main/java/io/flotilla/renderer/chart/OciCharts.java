package io.flotilla.renderer.chart;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.git.outbound.OutboundHttp;
import io.flotilla.git.outbound.OutboundPolicy;
import io.flotilla.git.outbound.OutboundRefusedException;
import io.flotilla.git.secret.SourceSecrets;
import io.flotilla.renderer.digest.Digests;
import io.flotilla.renderer.release.OciChart;
import io.flotilla.renderer.version.VersionRange;

/**
 * Charts from OCI registries, as {@code helm push} stores them: a tag per chart version ({@code +} written as
 * {@code _}), a manifest whose layer of type {@value #CHART_LAYER} is the packaged chart. The tags and the
 * manifest are asked at every render (tags move); the chart itself is downloaded only when its digest is new,
 * and is kept unpacked under that digest, next to the charts of HTTP repositories. The registry is asked with the
 * credentials and certificate authorities of the Secrets the source names ({@link RepositoryLogin}).
 */
public final class OciCharts {

    static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    private static final String SHA256 = "sha256:";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final ChartArchive archives;
    private final SourceSecrets secrets;
    private final OutboundPolicy outbound;
    private final HttpClient http;

    /**
     * @param archives shared with {@link HelmRepositoryCharts}: one archive is kept once
     * @param secrets  where the Secrets the sources name are read, at each fetch
     * @param outbound which registries may be reached
     */
    public OciCharts(ChartArchive archives, SourceSecrets secrets, OutboundPolicy outbound) {
        this.archives = archives;
        this.secrets = secrets;
        this.outbound = outbound;
        this.http = OutboundHttp.client(outbound, CONNECT_TIMEOUT, null);
    }

    /** The chart, unpacked on disk; the message of the exception is for the user. */
    public ChartFolder fetch(OciChart chart) throws ChartNotFoundException {
        String reference = chart.reference();
        if (!reference.startsWith(OciChart.SCHEME) || reference.indexOf('/', OciChart.SCHEME.length()) < 0) {
            throw new ChartNotFoundException(chart.field() + ": '" + reference + "' is not an OCI reference"
                    + " (oci://host/path/chart)");
        }
        try {
            outbound.check(chart.field() + ": the registry", reference);
        } catch (OutboundRefusedException e) {
            throw new ChartNotFoundException(e.getMessage());
        }
        String rest = reference.substring(OciChart.SCHEME.length()).replaceAll("/+$", "");
        String host = rest.substring(0, rest.indexOf('/'));
        RepositoryLogin login = RepositoryLogin.of(chart.auth(), chart.username(), chart.password(), host, secrets,
                chart.field(), http, outbound);
        OciRegistry registry = new OciRegistry(host, rest.substring(host.length() + 1), chart.insecure(), login);
        try {
            String manifestReference = chart.digest() != null ? chart.digest() : tag(registry, chart);
            String layer = chartLayer(registry.manifest(manifestReference), chart);
            String digest = layer.substring(SHA256.length());
            Path unpacked = archives.unpacked(digest).isPresent()
                    ? archives.unpacked(digest).get()
                    : download(registry, layer, digest, chart);
            Map<?, ?> metadata = ChartCache.metadata(Files.readString(unpacked.resolve("Chart.yaml"),
                    StandardCharsets.UTF_8));
            return new ChartFolder(reference, digest, ChartCache.text(metadata.get("name")),
                    ChartCache.text(metadata.get("version")),
                    unpacked);
        } catch (IOException e) {
            throw new ChartNotFoundException(chart.field() + ": the OCI registry " + OciChart.SCHEME + host
                    + " cannot be read: " + (e.getMessage() == null ? e : e.getMessage()));
        }
    }

    private static String tag(OciRegistry registry, OciChart chart) throws IOException, ChartNotFoundException {
        List<String> versions = new ArrayList<>();
        for (JsonNode tag : registry.tags().path("tags")) {
            versions.add(tag.asText().replace('_', '+'));
        }
        VersionRange range = new VersionRange(chart.version());
        return range.highest(versions).map(version -> version.replace('+', '_'))
                .orElseThrow(() -> new ChartNotFoundException(chart.field() + ": no tag of " + chart.reference()
                        + " matches '" + range + "'"));
    }

    private static String chartLayer(JsonNode manifest, OciChart chart) throws ChartNotFoundException {
        for (JsonNode layer : manifest.path("layers")) {
            if (CHART_LAYER.equals(layer.path("mediaType").asText())
                    && layer.path("digest").asText().startsWith(SHA256)) {
                return layer.path("digest").asText();
            }
        }
        throw new ChartNotFoundException(chart.field() + ": " + chart.reference() + " is not a Helm chart: its"
                + " manifest has no layer of type " + CHART_LAYER);
    }

    private Path download(OciRegistry registry, String layer, String digest, OciChart chart)
            throws IOException, ChartNotFoundException {
        byte[] archive = registry.blob(layer);
        if (!Digests.sha256(archive).equals(digest)) {
            throw new ChartNotFoundException(chart.field() + ": the chart " + layer + " downloaded from "
                    + registry.url() + " does not match its digest");
        }
        try {
            return archives.unpack(archive, digest, "chart " + chart.reference());
        } catch (ChartNotFoundException e) {
            throw new ChartNotFoundException(chart.field() + ": " + e.getMessage());
        }
    }
}
