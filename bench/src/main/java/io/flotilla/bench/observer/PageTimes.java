package io.flotilla.bench.observer;

import java.util.List;

/**
 * What the requests of one dashboard page took and sent.
 *
 * @param serverMillis the observer's time to make each, from its {@code Server-Timing} header
 * @param totalMillis  each from request to last byte, as the benchmark saw it
 * @param sentBytes    the body as sent (gzip)
 * @param htmlBytes    the HTML it unpacks to
 */
public record PageTimes(String path, List<Double> serverMillis, List<Long> totalMillis, int sentBytes,
        int htmlBytes) {

    public PageTimes {
        serverMillis = List.copyOf(serverMillis);
        totalMillis = List.copyOf(totalMillis);
    }
}
