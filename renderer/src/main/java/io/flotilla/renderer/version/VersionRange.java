package io.flotilla.renderer.version;

import java.util.Collection;
import java.util.Optional;

import org.semver4j.Semver;

/**
 * A chart version as Flux asks for it: an exact version or a semver range ({@code >=1.2 <2}, {@code ^1.2},
 * {@code 1.x}); empty for the latest. The highest version satisfying it wins; pre-releases only when the range
 * names one, as Helm and Flux choose.
 */
public final class VersionRange {

    private final String range;

    public VersionRange(String range) {
        this.range = range == null || range.isBlank() ? "*" : range.trim();
    }

    /** The highest of {@code versions} in the range, as written in {@code versions}. */
    public Optional<String> highest(Collection<String> versions) {
        String best = null;
        Semver bestVersion = null;
        for (String candidate : versions) {
            Semver version = Semver.coerce(candidate);
            if (version == null || !version.satisfies(range)
                    || (!version.getPreRelease().isEmpty() && !range.contains("-"))) {
                continue;
            }
            if (bestVersion == null || version.isGreaterThan(bestVersion)) {
                best = candidate;
                bestVersion = version;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String toString() {
        return range;
    }
}
