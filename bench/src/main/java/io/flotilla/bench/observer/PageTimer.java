package io.flotilla.bench.observer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.flotilla.launcher.stack.StackException;

/** Times the dashboard page as a browser asks for it: the whole HTML, from request to last byte. */
final class PageTimer {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI page;
    private int bytes;

    PageTimer(String observerUrl) {
        this.page = URI.create(observerUrl + "/");
    }

    /** @return the time of each of {@code times} requests, in milliseconds */
    List<Long> time(int times) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            bytes = fetch().length();
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        return millis;
    }

    /** The page's size at the last request, in bytes. */
    int bytes() {
        return bytes;
    }

    String fetch() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(page).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new StackException("GET " + page + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new StackException("GET " + page + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }
}
