package io.flotilla.observer.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.flotilla.events.Outcome;

/**
 * Which releases the matrix shows: those whose {@code namespace/name} contains {@code text}, in {@code namespace}, of
 * {@code tenant}, with {@code status} on one of the clusters shown ({@code Drifted} for the releases that drifted).
 * Each is null when it does not filter.
 */
public record MatrixFilter(String text, String namespace, String tenant, String status) {

    /** The status of {@code ?status=}: an outcome, or drifted. */
    public static final String DRIFTED = "Drifted";

    public MatrixFilter {
        text = blankAsNull(text);
        namespace = blankAsNull(namespace);
        tenant = blankAsNull(tenant);
        status = blankAsNull(status);
        if (status != null && !statuses().contains(status)) {
            throw new IllegalArgumentException("status must be one of " + String.join(", ", statuses()) + ", was '"
                    + status + "'");
        }
    }

    /** Every status the matrix can be filtered by, in the order of the filter's choices. */
    static List<String> statuses() {
        return Stream.concat(Arrays.stream(Outcome.values()).map(Outcome::name), Stream.of(DRIFTED)).toList();
    }

    /** The outcome filtered by, or null for none or drifted. */
    Outcome outcome() {
        return status == null || DRIFTED.equals(status) ? null : Outcome.valueOf(status);
    }

    boolean drifted() {
        return DRIFTED.equals(status);
    }

    /** The filter as query parameters, each starting with {@code &}, for links to other pages of the matrix. */
    String query() {
        return parameter("release", text) + parameter("namespace", namespace) + parameter("tenant", tenant)
                + parameter("status", status);
    }

    static String parameter(String name, String value) {
        return value == null || value.isEmpty() ? ""
                : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
