package io.flotilla.applier.cluster;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

/**
 * At most so many requests a second to one cluster, with bursts up to a second's worth: a token bucket in front of
 * every client of the cluster (its own and those impersonating users). Tokens are taken from the {@link RequestBudget}
 * a tenth of a second's worth at a time, so that a budget shared by the instances in PostgreSQL is asked about ten
 * times a second at full rate rather than once a request. A request beyond the rate waits in the thread that sends it,
 * which is one of that cluster's workers, so only the same cluster's releases slow down.
 */
final class RequestRate implements Interceptor {

    static final String NAME = "flotilla-request-rate";

    private final String cluster;
    private final double perSecond;
    private final int batch;
    private final RequestBudget budget;
    private int granted;
    private long usableAt = System.nanoTime();

    RequestRate(String cluster, double perSecond, RequestBudget budget) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("flotilla.clusters.requests-per-second must be above 0, not " + perSecond);
        }
        this.cluster = cluster;
        this.perSecond = perSecond;
        this.batch = Math.max(1, (int) (perSecond / 10));
        this.budget = budget;
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

    /** Takes a token, from a new batch when none is left: how long the caller must wait for it, in nanoseconds. */
    synchronized long take() {
        if (granted == 0) {
            usableAt = System.nanoTime() + budget.take(cluster, batch, perSecond);
            granted = batch;
        }
        granted--;
        return Math.max(0, usableAt - System.nanoTime());
    }
}
