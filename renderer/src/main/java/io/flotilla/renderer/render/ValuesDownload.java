package io.flotilla.renderer.render;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Values files served over HTTP, as Helm Operator's {@code externalSourceRef} reads them. */
final class ValuesDownload {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private ValuesDownload() {
    }

    /**
     * The file's text; empty when the server says it is not there (404).
     *
     * @throws IOException with the reason when it cannot be fetched
     */
    static Optional<String> fetch(String url) throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("'" + url + "' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IOException("'" + url + "' is not an http or https URL");
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() / 100 != 2) {
                throw new IOException(url + " answered HTTP " + response.statusCode());
            }
            return Optional.of(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + url, e);
        } catch (IOException e) {
            throw new IOException("cannot fetch " + url + ": " + (e.getMessage() == null ? e : e.getMessage()), e);
        }
    }
}
