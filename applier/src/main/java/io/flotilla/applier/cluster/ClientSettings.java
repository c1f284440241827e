package io.flotilla.applier.cluster;

import java.time.Duration;

import io.fabric8.kubernetes.client.Config;

/**
 * How hard a client tries before a cluster counts as unreachable, and how many requests a second it may send.
 * fabric8's defaults retry for tens of seconds, which would hold up the cluster's queue for nothing.
 */
public record ClientSettings(Duration connectTimeout, Duration requestTimeout, int requestRetries,
        double requestsPerSecond) {

    void applyTo(Config config) {
        config.setConnectionTimeout((int) connectTimeout.toMillis());
        config.setRequestTimeout((int) requestTimeout.toMillis());
        config.setRequestRetryBackoffLimit(requestRetries);
    }
}
