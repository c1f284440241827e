package io.flotilla.renderer.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.flotilla.events.ReleaseRendered;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The renderer's Prometheus metrics: how long a commit takes to render, what came out of it per release
 * ({@code rendered}, {@code failed} or {@code removed}), and how many repositories are held. Releases left alone because nothing changed are not
 * counted: they were not rendered.
 */
@ApplicationScoped
public class RenderMetrics {

    private final Timer commitDuration;
    private final Counter rendered;
    private final Counter failed;
    private final Counter removed;
    private final AtomicInteger held = new AtomicInteger();

    @Inject
    RenderMetrics(MeterRegistry registry) {
        commitDuration = Timer.builder("flotilla.renderer.commit.duration")
                .description("Time to render the releases a commit changed")
                .publishPercentileHistogram()
                .register(registry);
        rendered = releases(registry, "rendered");
        failed = releases(registry, "failed");
        removed = releases(registry, "removed");
        Gauge.builder("flotilla.renderer.repositories.held", held, AtomicInteger::get)
                .description("Repositories whose commit waits to be tried again (out of reach, or a render that failed"
                        + " for a reason that may pass); the log names each and the reason")
                .register(registry);
    }

    /** How many repositories have a commit held now. */
    public void repositoriesHeld(int count) {
        held.set(count);
    }

    private static Counter releases(MeterRegistry registry, String outcome) {
        return Counter.builder("flotilla.renderer.releases")
                .description("Releases emitted on the rendered topic, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    public void commitRendered(Duration took, List<ReleaseRendered> releases) {
        commitDuration.record(took);
        for (ReleaseRendered release : releases) {
            if (release.removed()) {
                removed.increment();
            } else if (release.error() != null) {
                failed.increment();
            } else {
                rendered.increment();
            }
        }
    }
}
