package io.flotilla.imageupdater.policy;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The most recently built image among the tags a filter lets through, as Flux v1 chose for {@code glob:} and
 * {@code regex:}: the image config's creation time decides; two images built at the same instant go to the tag
 * that sorts last, so the choice never depends on the order the registry lists them in. An image with no
 * creation time counts as the oldest.
 */
public final class NewestBuiltPolicy implements TagPolicy {

    private final String written;
    private final Predicate<String> eligible;

    private NewestBuiltPolicy(String written, Predicate<String> eligible) {
        this.written = written;
        this.eligible = eligible;
    }

    /**
     * Flux v1's {@code glob:dev-*}: the whole tag matches the pattern, where {@code *} stands for any characters
     * (none included) and every other character for itself.
     */
    public static NewestBuiltPolicy glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        Pattern pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
        return new NewestBuiltPolicy("glob:" + glob, tag -> pattern.matcher(tag).matches());
    }

    /**
     * Flux v1's {@code regex:^v[0-9]+$}: tags the expression finds a match in (anchor it to match the whole tag,
     * as Go's {@code MatchString} does not).
     */
    public static NewestBuiltPolicy regex(String regex) {
        Pattern pattern = TagPatterns.compile(regex);
        return new NewestBuiltPolicy("regex:" + regex, tag -> pattern.matcher(tag).find());
    }

    @Override
    public Optional<String> choose(Collection<String> tags, Function<String, Instant> createdAt) {
        String best = null;
        Instant bestTime = null;
        for (String tag : tags) {
            if (!eligible.test(tag)) {
                continue;
            }
            Instant created = createdAt.apply(tag);
            Instant time = created == null ? Instant.MIN : created;
            if (best == null || time.isAfter(bestTime) || (time.equals(bestTime) && tag.compareTo(best) > 0)) {
                best = tag;
                bestTime = time;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String describe() {
        return written;
    }
}
