package io.flotilla.bench.observer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.stack.StackException;

/**
 * Times a dashboard page as a browser asks for it (gzip accepted), or an API answer ({@code /api/...}, as JSON): the
 * observer's own time to make it, from its {@code Server-Timing} header, the time from request to last byte, and the
 * bytes sent, compressed and as made.
 */
final class PageTimer {

    private static final Pattern SERVER_TIMING = Pattern.compile("app;dur=([0-9.]+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Where the observer answers, and the token it is called with. */
    private final Endpoint observer;

    PageTimer(Endpoint observer) {
        this.observer = observer;
    }

    /** What {@code times} requests of {@code path} took, and what the last one sent. */
    PageTimes time(String path, int times) {
        List<Double> server = new ArrayList<>();
        List<Long> total = new ArrayList<>();
        int sent = 0;
        int html = 0;
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = fetch(path);
            total.add((System.nanoTime() - start) / 1_000_000);
            Matcher timing = SERVER_TIMING.matcher(response.headers().firstValue("Server-Timing").orElse(""));
            if (!timing.find()) {
                throw new StackException("GET " + path + " answered without a Server-Timing header");
            }
            server.add(Double.parseDouble(timing.group(1)));
            sent = response.body().length;
            html = "gzip".equals(response.headers().firstValue("Content-Encoding").orElse(""))
                    ? gunzipped(response.body()) : sent;
        }
        return new PageTimes(path, server, total, sent, html);
    }

    private HttpResponse<byte[]> fetch(String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(observer.url() + path))
                    .header("Accept", path.startsWith("/api/") ? "application/json" : "text/html")
                    .header("Accept-Encoding", "gzip").GET();
            if (observer.token() != null) {
                request.header("Authorization", "Bearer " + observer.token());
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new StackException("GET " + path + " answered " + response.statusCode());
            }
            return response;
        } catch (IOException e) {
            throw new StackException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private static int gunzipped(byte[] body) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes().length;
        } catch (IOException e) {
            throw new UncheckedIOException("the page's gzip does not read", e);
        }
    }
}
