package io.flotilla.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Flux and Kubernetes objects write them (Go's {@code time.ParseDuration}): {@code 1m}, {@code 1h30m},
 * {@code 500ms}, {@code 0}. Every service that reads such a field (a HelmRelease's {@code spec.interval}, the
 * targeting file's {@code soak}, an ImageRepository's {@code interval}) reads it with this one rule.
 */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** The duration {@code text} writes; an {@link IllegalArgumentException} saying what is wrong otherwise. */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher part = PART.matcher(value);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (part.lookingAt()) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(NANOS.get(part.group(2)))));
            end = part.end();
            part.region(end, value.length());
        }
        if (value.isEmpty() || end != value.length()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration such as 30s, 5m or 1h30m");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
