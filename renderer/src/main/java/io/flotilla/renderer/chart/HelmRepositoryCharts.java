package io.flotilla.renderer.chart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.flotilla.git.outbound.OutboundHttp;
import io.flotilla.git.outbound.OutboundPolicy;
import io.flotilla.git.outbound.OutboundRefusedException;
import io.flotilla.git.secret.SourceSecrets;
import io.flotilla.renderer.digest.Digests;
import io.flotilla.renderer.release.RepositoryChart;
import io.flotilla.renderer.version.VersionRange;

/**
 * Charts from Helm HTTP repositories. A repository's {@code index.yaml} is kept with its ETag and
 * Last-Modified and asked again with {@code If-None-Match} / {@code If-Modified-Since}, so an unchanged index
 * costs a 304. A version is the highest in the index that satisfies the requested range (stable versions
 * only, unless the range names a pre-release). Archives are kept unpacked by their SHA-256, which is also the
 * chart's digest, and known by repository, chart, version and the index's digest of the archive: as long as the
 * index lists the same archive and it is still unpacked, it is never downloaded again. Index and archive are
 * fetched with the credentials and certificate authorities of the Secrets the HelmRepository names
 * ({@link RepositoryLogin}).
 */
public final class HelmRepositoryCharts {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper YAML = new YAMLMapper();
    /** Archives known by what the index says of them; a few hundred bytes each. */
    private static final int ARCHIVES_KNOWN = 10_000;

    private final ChartArchive archives;
    private final SourceSecrets secrets;
    private final OutboundPolicy outbound;
    private final HttpClient http;
    private final Map<String, CachedIndex> indexes = new HashMap<>();
    /** The SHA-256 of each archive downloaded. */
    private final Map<IndexedArchive, String> downloaded = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<IndexedArchive, String> eldest) {
            return size() > ARCHIVES_KNOWN;
        }
    };

    /**
     * @param archives where the charts are kept unpacked, shared with {@link OciCharts}
     * @param secrets  where the Secrets the HelmRepositories name are read, at each fetch
     * @param outbound which repositories may be reached
     */
    public HelmRepositoryCharts(ChartArchive archives, SourceSecrets secrets, OutboundPolicy outbound) {
        this.archives = archives;
        this.outbound = outbound;
        this.secrets = secrets;
        this.http = OutboundHttp.client(outbound, TIMEOUT, null);
    }

    /**
     * The chart, unpacked on disk; the message of the exception is for the user.
     *
     * @throws ChartSourceUnavailableException when the repository cannot be reached for now
     */
    public synchronized ChartFolder fetch(RepositoryChart chart) throws ChartNotFoundException {
        try {
            outbound.check(chart.field() + ": the Helm repository", chart.url());
        } catch (OutboundRefusedException e) {
            throw new ChartNotFoundException(e.getMessage());
        }
        String base = chart.url().endsWith("/") ? chart.url() : chart.url() + "/";
        RepositoryLogin login = RepositoryLogin.of(chart.auth(), chart.username(), chart.password(),
                URI.create(base).getAuthority(), secrets, chart.field(), http, outbound);
        Map<?, ?> index = index(base, chart, login);
        if (!(index.get("entries") instanceof Map<?, ?> entries) || !(entries.get(chart.name()) instanceof List<?> versions)) {
            throw new ChartNotFoundException(chart.field() + ": chart '" + chart.name() + "' is not in the Helm"
                    + " repository " + chart.url());
        }
        Map<?, ?> entry = choose(versions, chart);
        String version = String.valueOf(entry.get("version"));
        if (!(entry.get("urls") instanceof List<?> urls) || urls.isEmpty()) {
            throw new ChartNotFoundException(chart.field() + ": chart " + chart.name() + " " + version
                    + " has no download URL in " + chart.url() + "index.yaml");
        }
        URI archive = URI.create(base).resolve(String.valueOf(urls.get(0)));
        IndexedArchive indexed = new IndexedArchive(archive.toString(), chart.name(), version,
                String.valueOf(entry.get("digest")));
        String known = downloaded.get(indexed);
        Optional<Path> unpacked = known == null ? Optional.empty() : unpacked(known, chart);
        if (unpacked.isPresent()) {
            return new ChartFolder(chart.url() + " " + chart.name(), known, chart.name(), version, unpacked.get());
        }
        try {
            outbound.check(chart.field() + ": the archive " + chart.url() + "index.yaml lists,", archive.toString());
        } catch (OutboundRefusedException e) {
            throw new ChartNotFoundException(e.getMessage());
        }
        byte[] bytes = get(archive, chart, login, null).body();
        String digest = Digests.sha256(bytes);
        try {
            Path chartDir = archives.unpack(bytes, digest, "chart " + chart.name());
            downloaded.put(indexed, digest);
            return new ChartFolder(chart.url() + " " + chart.name(), digest, chart.name(), version, chartDir);
        } catch (ChartNotFoundException e) {
            throw new ChartNotFoundException(chart.field() + ": " + e.getMessage());
        }
    }

    /** The archive unpacked before, unless the chart cache let it go since. */
    private Optional<Path> unpacked(String digest, RepositoryChart chart) throws ChartNotFoundException {
        try {
            return archives.unpacked(digest);
        } catch (IOException e) {
            throw new ChartNotFoundException(chart.field() + ": cannot read the chart " + chart.name()
                    + " unpacked before: " + e.getMessage());
        }
    }

    private Map<?, ?> index(String base, RepositoryChart chart, RepositoryLogin login) throws ChartNotFoundException {
        URI uri = URI.create(base + "index.yaml");
        CachedIndex cached = indexes.get(uri.toString());
        HttpResponse<byte[]> response = get(uri, chart, login, cached);
        if (response.statusCode() == 304 && cached != null) {
            return cached.index();
        }
        try {
            Map<?, ?> index = YAML.readValue(new String(response.body(), StandardCharsets.UTF_8), Map.class);
            indexes.put(uri.toString(), new CachedIndex(response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null), index));
            return index;
        } catch (IOException e) {
            throw new ChartNotFoundException(chart.field() + ": " + uri + " is not a Helm repository index: "
                    + e.getMessage());
        }
    }

    private static Map<?, ?> choose(List<?> versions, RepositoryChart chart) throws ChartNotFoundException {
        VersionRange range = new VersionRange(chart.version());
        Map<String, Map<?, ?>> byVersion = new LinkedHashMap<>();
        for (Object candidate : versions) {
            if (candidate instanceof Map<?, ?> entry) {
                byVersion.putIfAbsent(String.valueOf(entry.get("version")), entry);
            }
        }
        return range.highest(byVersion.keySet()).map(byVersion::get).orElseThrow(() -> new ChartNotFoundException(
                chart.field() + ": no version of chart '" + chart.name() + "' in " + chart.url() + " matches '"
                        + range + "'"));
    }

    private HttpResponse<byte[]> get(URI uri, RepositoryChart chart, RepositoryLogin login, CachedIndex cached)
            throws ChartNotFoundException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        String authorization = login.basicAuthorization();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cached != null && cached.etag() != null) {
            request.header("If-None-Match", cached.etag());
        }
        if (cached != null && cached.lastModified() != null) {
            request.header("If-Modified-Since", cached.lastModified());
        }
        try {
            HttpResponse<byte[]> response = login.send(chart.field() + ": the Helm repository",
                    request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 304 && cached != null || response.statusCode() / 100 == 2) {
                return response;
            }
            if (ChartSourceUnavailableException.transientStatus(response.statusCode())) {
                throw new ChartSourceUnavailableException(chart.field() + ": " + uri + " answered HTTP "
                        + response.statusCode());
            }
            throw new ChartNotFoundException(chart.field() + ": " + uri + " answered HTTP " + response.statusCode()
                    + (response.statusCode() == 401 ? login.refusal() : ""));
        } catch (OutboundRefusedException e) {
            throw new ChartNotFoundException(e.getMessage());
        } catch (IOException e) {
            String message = chart.field() + ": the Helm repository " + chart.url() + " cannot be reached: "
                    + (e.getMessage() == null ? e : e.getMessage());
            if (ChartSourceUnavailableException.unknownHost(e)) {
                throw new ChartNotFoundException(message);
            }
            if (RepositoryLogin.untrusted(e)) {
                throw new ChartNotFoundException(message + " (its TLS certificate is not trusted: name a Secret"
                        + " with its certificate authority, ca.crt, in the HelmRepository's spec.certSecretRef)");
            }
            throw new ChartSourceUnavailableException(message, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChartNotFoundException(chart.field() + ": interrupted while fetching " + uri);
        }
    }

    private record CachedIndex(String etag, String lastModified, Map<?, ?> index) {
    }

    /** An archive as the index lists it: where it is, which chart and version, and its digest when given. */
    private record IndexedArchive(String url, String chart, String version, String digest) {
    }
}
