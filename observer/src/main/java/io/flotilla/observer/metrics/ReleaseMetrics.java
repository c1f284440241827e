package io.flotilla.observer.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Flotilla's own latencies at {@code /q/metrics}: how long a commit takes to be applied on a cluster. */
@ApplicationScoped
public class ReleaseMetrics {

    private final MeterRegistry registry;
    /** One timer per cluster and outcome, built once: a histogram's builder is not cheap, and every release comes. */
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    public ReleaseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** From the commit's detection to a release's applied event, by cluster and outcome, from the events' times. */
    public void commitToApplied(String cluster, String outcome, Duration latency) {
        timers.computeIfAbsent(List.of(cluster, outcome), tags -> Timer.builder("flotilla.commit.to.applied")
                .description("Time from a commit detected to a release applied on a cluster")
                .tag("cluster", cluster).tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry))
                .record(latency.isNegative() ? Duration.ZERO : latency);
    }
}
