package io.flotilla.imageupdater.policy;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;
import org.semver4j.Semver;

/**
 * The highest version in a range: Flux v1's {@code semver:~0.4} and Flux v2's {@code semver.range}. Ranges are
 * written as Flux (Masterminds) takes them: {@code ~0.4}, {@code ^1.2}, {@code >=1.0 <2.0}, {@code >=1.0, <2.0},
 * {@code 1.x}, {@code ||} between alternatives. Pre-release tags are eligible only when the range names a
 * pre-release, as in Flux.
 */
public final class SemverPolicy implements TagPolicy {

    private static final Pattern PART = Pattern.compile(
            "(>=|<=|>|<|=|~>|~|\\^)?v?[0-9xX*]+(\\.[0-9xX*]+){0,2}(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

    private final String range;
    private final RangesList ranges;
    private final boolean preReleases;

    public SemverPolicy(String range) {
        if (range == null || range.isBlank()) {
            throw new PolicySyntaxException("semver range is empty: write one such as ~1.2 or >=1.0 <2.0");
        }
        this.range = range.trim();
        // Masterminds joins the parts of one range with commas; semver4j with spaces.
        String spaced = this.range.replaceAll("\\s*,\\s*", " ");
        try {
            this.ranges = RangesListFactory.create(spaced);
        } catch (RuntimeException e) {
            throw new PolicySyntaxException("semver range '" + this.range + "' does not parse: " + e.getMessage(), e);
        }
        if (ranges.get().isEmpty() || !wellFormed(spaced)) {
            throw new PolicySyntaxException("semver range '" + this.range + "' does not parse");
        }
        this.preReleases = this.range.contains("-");
    }

    // semver4j skips what it cannot read ('>=1.0 junk' is '>=1.0'): every part must be a comparison or a version.
    private static boolean wellFormed(String range) {
        for (String part : range.replaceAll("(>=|<=|>|<|=|~>|~|\\^)\\s+", "$1").trim().split("\\s+")) {
            if (!part.equals("||") && !part.equals("-") && !PART.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Optional<String> choose(Collection<String> tags, Function<String, Instant> createdAt) {
        String best = null;
        Semver bestVersion = null;
        for (String tag : tags) {
            Optional<Semver> parsed = Versions.parse(tag);
            if (parsed.isEmpty()) {
                continue;
            }
            Semver version = parsed.get();
            if ((!preReleases && !version.getPreRelease().isEmpty()) || !ranges.isSatisfiedBy(version)) {
                continue;
            }
            if (bestVersion == null || version.isGreaterThan(bestVersion)
                    || (version.isEqualTo(bestVersion) && tag.compareTo(best) > 0)) {
                best = tag;
                bestVersion = version;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String describe() {
        return "semver:" + range;
    }
}
