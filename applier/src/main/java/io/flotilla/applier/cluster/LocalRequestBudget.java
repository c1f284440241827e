package io.flotilla.applier.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The clusters' buckets in this instance's memory: N instances may send N times the rate to a cluster. */
public final class LocalRequestBudget implements RequestBudget {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public long take(String cluster, int tokens, double perSecond) {
        return buckets.computeIfAbsent(cluster, name -> new Bucket(perSecond)).take(tokens, perSecond);
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(double perSecond) {
            this.tokens = perSecond;
        }

        synchronized long take(int count, double perSecond) {
            long now = System.nanoTime();
            tokens = Math.min(perSecond, tokens + (now - refilledAt) * perSecond / 1e9);
            refilledAt = now;
            tokens -= count;
            return tokens >= 0 ? 0 : (long) (-tokens / perSecond * 1e9);
        }
    }
}
