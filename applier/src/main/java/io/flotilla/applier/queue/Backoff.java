package io.flotilla.applier.queue;

import java.time.Duration;

/**
 * How long a cluster that does not answer is left alone before it is tried again: {@code initial} after the
 * first failure, twice as long after each further one, never longer than {@code max}.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry delays must be positive and the maximum at least the initial "
                    + "one: initial " + initial + ", max " + max);
        }
    }

    /** The delay after {@code failures} failed tries in a row (1 for the first). */
    public Duration after(int failures) {
        Duration delay = initial;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) < 0 ? delay : max;
    }
}
