package io.flotilla.imageupdater.policy;

import java.util.Locale;

/**
 * The {@code order} of Flux v2's alphabetical and numerical policies: {@code asc} (the default) chooses the
 * last value in ascending order, the highest; {@code desc} the first, the lowest.
 */
public enum Order {
    ASC, DESC;

    /** {@code asc} or {@code desc}, any case; null or empty is {@code asc}. */
    public static Order of(String order, String field) {
        if (order == null || order.isBlank()) {
            return ASC;
        }
        return switch (order.trim().toLowerCase(Locale.ROOT)) {
            case "asc" -> ASC;
            case "desc" -> DESC;
            default -> throw new PolicySyntaxException(field + " '" + order + "' is neither asc nor desc");
        };
    }

    /** Whether {@code comparison} (a candidate against the best so far) makes the candidate the better one. */
    boolean prefers(int comparison) {
        return this == ASC ? comparison > 0 : comparison < 0;
    }
}
