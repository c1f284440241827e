package io.flotilla.renderer.render;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.flotilla.git.outbound.OutboundHttp;
import io.flotilla.git.outbound.OutboundPolicy;

/**
 * Values files served over HTTP, as Helm Operator's {@code externalSourceRef} reads them: only where the outbound
 * policy lets Flotilla go, each redirect checked again ({@link OutboundHttp}), and never more than the values limit
 * read.
 */
final class ValuesDownload {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** A client per policy: one in a service. */
    private static final Map<OutboundPolicy, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    private ValuesDownload() {
    }

    /**
     * The file's text; empty when the server says it is not there (404).
     *
     * @param maxBytes the most the file may take; a larger one is refused before it is read whole
     * @throws IOException with the reason when it cannot be fetched
     * @throws io.flotilla.git.outbound.OutboundRefusedException when the policy refuses it or where it redirects
     */
    static Optional<String> fetch(String url, OutboundPolicy outbound, long maxBytes) throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("'" + url + "' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IOException("'" + url + "' is not an http or https URL");
        }
        outbound.check("values URL", uri.toString());
        HttpResponse<InputStream> response = send(uri, url, outbound);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 404) {
                return Optional.empty();
            }
            if (status / 100 != 2) {
                throw new IOException(url + " answered HTTP " + status);
            }
            byte[] read = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (read.length > maxBytes) {
                throw new IOException(url + " is larger than the " + Sizes.of(maxBytes)
                        + " values limit (flotilla.renderer.max-values-bytes)");
            }
            return Optional.of(new String(read, StandardCharsets.UTF_8));
        }
    }

    private static HttpResponse<InputStream> send(URI uri, String url, OutboundPolicy outbound) throws IOException {
        HttpClient client = CLIENTS.computeIfAbsent(outbound, policy -> OutboundHttp.client(policy, TIMEOUT, null));
        try {
            return OutboundHttp.send(client, outbound, "values URL", HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + url, e);
        } catch (IOException e) {
            throw new IOException("cannot fetch " + url + ": " + (e.getMessage() == null ? e : e.getMessage()), e);
        }
    }
}
