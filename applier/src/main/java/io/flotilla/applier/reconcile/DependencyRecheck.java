package io.flotilla.applier.reconcile;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Every {@code flotilla.dependencies.recheck}, the releases that renderings here wait for are looked up in the shared
 * history. Another instance tells of a release becoming Ready on the applied topic, which every instance hears; this
 * catches what was told while this instance was starting or its broker connection was down, so that no rendering
 * waits longer than one period for a Ready it missed.
 */
@Singleton
public class DependencyRecheck {

    private static final Logger LOG = Logger.getLogger(DependencyRecheck.class);

    private final RenderedReleases renderings;
    private final Duration period;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "applier-dependency-recheck");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public DependencyRecheck(RenderedReleases renderings,
            @ConfigProperty(name = "flotilla.dependencies.recheck", defaultValue = "30s") Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("flotilla.dependencies.recheck must be positive, not " + period);
        }
        this.renderings = renderings;
        this.period = period;
    }

    void start(@Observes StartupEvent started) {
        timer.scheduleWithFixedDelay(this::recheck, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private void recheck() {
        try {
            int ready = renderings.recheck();
            if (ready > 0) {
                LOG.infof("%d releases waited for were found Ready in the history; what waited for them goes on",
                        ready);
            }
        } catch (RuntimeException e) {
            LOG.warnf("releases waited for (dependsOn) could not be looked up; tried again in %s: %s", period,
                    e.getMessage());
        }
    }
}
