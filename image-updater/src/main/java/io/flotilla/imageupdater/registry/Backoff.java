package io.flotilla.imageupdater.registry;

import java.time.Duration;

/**
 * How long to wait before asking a registry that said 429 again: its {@code Retry-After} when it gives one (no
 * longer than {@code longestPause}), else {@code firstPause} doubling up to {@code longestPause}; {@code attempts}
 * requests in all before giving up.
 */
public record Backoff(Duration firstPause, Duration longestPause, int attempts) {

    /** One second doubling to thirty, five attempts. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 5);

    public Backoff {
        if (attempts < 1 || firstPause.isNegative() || longestPause.compareTo(firstPause) < 0) {
            throw new IllegalArgumentException("a backoff needs at least one attempt and 0 <= firstPause <= longestPause");
        }
    }

    /** The pause after the {@code attempt}th request (1 for the first) was refused, given its Retry-After header. */
    public Duration pauseAfter(int attempt, String retryAfter) {
        Duration asked = seconds(retryAfter);
        if (asked != null) {
            return asked.compareTo(longestPause) > 0 ? longestPause : asked;
        }
        Duration pause = firstPause;
        for (int i = 1; i < attempt && pause.compareTo(longestPause) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(longestPause) > 0 ? longestPause : pause;
    }

    private static Duration seconds(String retryAfter) {
        if (retryAfter == null || !retryAfter.trim().matches("\\d{1,9}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
    }
}
