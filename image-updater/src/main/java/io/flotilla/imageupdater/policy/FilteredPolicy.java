package io.flotilla.imageupdater.policy;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A Flux v2 policy behind its {@code filterTags}: the policy chooses among the values the filter extracts, and
 * the tag that gave the chosen value is the answer. Two tags giving one value go to the tag that sorts last.
 */
final class FilteredPolicy implements TagPolicy {

    private final TagFilter filter;
    private final TagPolicy policy;

    FilteredPolicy(TagFilter filter, TagPolicy policy) {
        this.filter = filter;
        this.policy = policy;
    }

    @Override
    public Optional<String> choose(Collection<String> tags, Function<String, Instant> createdAt) {
        Map<String, String> tagByValue = new HashMap<>();
        for (String tag : tags) {
            filter.valueOf(tag).ifPresent(value -> tagByValue.merge(value, tag, (a, b) -> a.compareTo(b) >= 0 ? a : b));
        }
        return policy.choose(tagByValue.keySet(), value -> createdAt.apply(tagByValue.get(value)))
                .map(tagByValue::get);
    }

    @Override
    public String describe() {
        return policy.describe() + " of " + filter;
    }
}
