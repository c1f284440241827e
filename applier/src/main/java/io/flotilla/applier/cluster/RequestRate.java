package io.flotilla.applier.cluster;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

/**
 * At most so many requests a second to one cluster, with bursts up to a second's worth: a token bucket in
 * front of the cluster's client. A request beyond the rate waits in the thread that sends it, which is one of
 * that cluster's workers, so only the same cluster's releases slow down.
 */
final class RequestRate implements Interceptor {

    static final String NAME = "flotilla-request-rate";

    private final double perSecond;
    private double tokens;
    private long refilledAt = System.nanoTime();

    RequestRate(double perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("flotilla.clusters.requests-per-second must be above 0, not " + perSecond);
        }
        this.perSecond = perSecond;
        this.tokens = perSecond;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        long waitNanos = take();
        if (waitNanos > 0) {
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Takes a token, in advance when none is left: how long the caller must wait for it, in nanoseconds. */
    synchronized long take() {
        long now = System.nanoTime();
        tokens = Math.min(perSecond, tokens + (now - refilledAt) * perSecond / 1e9);
        refilledAt = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) (-tokens / perSecond * 1e9);
    }
}
