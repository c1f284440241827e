package io.flotilla.imageupdater.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Flux v2's {@code alphabetical} and {@code numerical} policies: tags compared by a key, {@code asc} choosing
 * the highest and {@code desc} the lowest. Tags with no key (not a number, for {@code numerical}) are skipped.
 */
public final class OrderedPolicy<K extends Comparable<K>> implements TagPolicy {

    private final String kind;
    private final Order order;
    private final Function<String, K> key;

    private OrderedPolicy(String kind, Order order, Function<String, K> key) {
        this.kind = kind;
        this.order = order;
        this.key = key;
    }

    /** Tags compared as strings, character by character, as Go compares them. */
    public static OrderedPolicy<String> alphabetical(Order order) {
        return new OrderedPolicy<>("alphabetical", order, tag -> tag);
    }

    /** Tags read as numbers (integers or decimals, such as build numbers or timestamps). */
    public static OrderedPolicy<BigDecimal> numerical(Order order) {
        return new OrderedPolicy<>("numerical", order, OrderedPolicy::number);
    }

    private static BigDecimal number(String tag) {
        return tag.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?") ? new BigDecimal(tag) : null;
    }

    @Override
    public Optional<String> choose(Collection<String> tags, Function<String, Instant> createdAt) {
        String best = null;
        K bestKey = null;
        for (String tag : tags) {
            K candidate = key.apply(tag);
            if (candidate != null && (best == null || order.prefers(candidate.compareTo(bestKey)))) {
                best = tag;
                bestKey = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String describe() {
        return kind + " " + order.name().toLowerCase(Locale.ROOT);
    }
}
