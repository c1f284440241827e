package io.flotilla.applier.cluster;

/**
 * Each cluster's requests a second ({@code flotilla.clusters.requests-per-second}), as a token bucket holding at most a
 * second's worth: kept in this instance alone ({@link LocalRequestBudget}), or one bucket per cluster for every applier
 * instance together ({@code slots/PostgresRequestBudget}).
 */
public interface RequestBudget {

    /**
     * Takes {@code tokens} requests of {@code cluster}'s budget, in advance when the bucket holds fewer.
     *
     * @return how long the caller must wait before sending them, in nanoseconds; 0 when at once
     */
    long take(String cluster, int tokens, double perSecond);
}
