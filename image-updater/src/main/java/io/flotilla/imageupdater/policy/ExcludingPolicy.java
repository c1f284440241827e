package io.flotilla.imageupdater.policy;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A policy that never sees the tags an ImageRepository's {@code spec.exclusionList} rules out: Flux v2 leaves out
 * every tag one of those expressions finds a match in ({@code ^.*\.sig$} by default, the tags cosign stores its
 * signatures under).
 */
public final class ExcludingPolicy implements TagPolicy {

    private final TagPolicy policy;
    private final List<Pattern> excluded;

    /** {@code policy} among the tags none of {@code exclusions} (regular expressions) finds a match in. */
    public ExcludingPolicy(TagPolicy policy, List<String> exclusions) {
        this.policy = policy;
        this.excluded = exclusions.stream().map(TagPatterns::compile).toList();
    }

    @Override
    public Optional<String> choose(Collection<String> tags, Function<String, Instant> createdAt) {
        List<String> kept = tags.stream().filter(tag -> excluded.stream().noneMatch(p -> p.matcher(tag).find())).toList();
        return policy.choose(kept, createdAt);
    }

    @Override
    public String describe() {
        return policy.describe();
    }
}
