package io.flotilla.applier.reconcile;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.flotilla.applier.history.ReleaseState;
import io.flotilla.applier.queue.Backoff;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.DriftMode;
import io.flotilla.events.Outcome;

/**
 * The fleet's defaults for reconciling: how often a release that does not say ({@code spec.interval}) is
 * reconciled, how soon a failed one is tried again (longer after each failure in a row, never longer than its
 * interval), and what is done about drift of a release that names no drift detection mode.
 */
@Singleton
public class ReconcilePolicy {

    private final Duration interval;
    private final Backoff retry;
    private final DriftMode drift;

    @Inject
    public ReconcilePolicy(@ConfigProperty(name = "flotilla.reconcile.interval", defaultValue = "5m") Duration interval,
            @ConfigProperty(name = "flotilla.reconcile.retry.initial", defaultValue = "10s") Duration retryInitial,
            @ConfigProperty(name = "flotilla.drift.default-mode", defaultValue = "warn") String drift) {
        this.interval = interval;
        this.retry = new Backoff(retryInitial, interval.compareTo(retryInitial) < 0 ? retryInitial : interval);
        this.drift = DriftMode.of(drift);
    }

    /** The drift detection mode of a release that names none. */
    public DriftMode driftDefault() {
        return drift;
    }

    /**
     * When the release is reconciled next after a revision of {@code outcome}, its {@code failures} in a row
     * counted with it; null when never again (it was uninstalled).
     */
    public Instant next(DesiredRelease desired, Outcome outcome, int failures, Instant now) {
        return switch (outcome) {
            case Uninstalled -> null;
            case Failed, Unreachable -> now.plus(min(retry.after(Math.max(1, failures)), intervalOf(desired)));
            default -> now.plus(intervalOf(desired));
        };
    }

    /** When the release is reconciled next after a reconcile that found it as it was left. */
    public Instant nextAfterUnchanged(DesiredRelease desired, ReleaseState state, Instant now) {
        return next(desired, state.status(), state.failures(), now);
    }

    private Duration intervalOf(DesiredRelease desired) {
        long seconds = desired.options().intervalSeconds();
        return seconds > 0 ? Duration.ofSeconds(seconds) : interval;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
