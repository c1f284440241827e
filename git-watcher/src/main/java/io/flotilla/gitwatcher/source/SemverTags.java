package io.flotilla.gitwatcher.source;

import java.util.Comparator;
import java.util.Optional;

import org.eclipse.jgit.lib.Constants;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;
import org.semver4j.Semver;

import io.flotilla.git.RemoteAccess;
import io.flotilla.gitwatcher.mirror.BareMirror;
import io.flotilla.gitwatcher.mirror.Head;
import io.flotilla.gitwatcher.mirror.MirrorException;
import io.flotilla.gitwatcher.mirror.Tag;

/**
 * The highest tag whose name is a semantic version within a range ({@code ^1.2}, {@code >=1.0.0 <2.0.0},
 * {@code 1.x}), as npm and Helm read ranges. A leading {@code v} is allowed ({@code v1.4.0}); other tags are
 * not versions and are passed over. Pre-releases count only when the range names one.
 */
public record SemverTags(String range) implements RefSelector {

    static final String KEY_PREFIX = "semver:";

    public SemverTags {
        if (range == null || range.isBlank() || RangesListFactory.create(range).get().isEmpty()) {
            throw new IllegalArgumentException("'" + range + "' is not a semver range (try '^1.2', '>=1.0.0 <2.0.0' or '1.x')");
        }
    }

    @Override
    public Head resolve(BareMirror mirror, RemoteAccess access) {
        RangesList ranges = RangesListFactory.create(range);
        record Versioned(Tag tag, Semver version) {
        }
        return mirror.fetchTags(access).stream()
                .flatMap(tag -> version(tag.name()).map(v -> new Versioned(tag, v)).stream())
                .filter(versioned -> ranges.isSatisfiedBy(versioned.version()))
                .max(Comparator.comparing(Versioned::version))
                .map(versioned -> versioned.tag().head())
                .orElseThrow(() -> new MirrorException("no tag of " + mirror.remote() + " is a version within '" + range + "'"));
    }

    @Override
    public boolean movedBy(String ref) {
        if (!ref.startsWith(Constants.R_TAGS)) {
            return false;
        }
        return version(ref.substring(Constants.R_TAGS.length())).filter(v -> v.satisfies(range)).isPresent();
    }

    @Override
    public String positionKey() {
        return KEY_PREFIX + range;
    }

    @Override
    public String semver() {
        return range;
    }

    @Override
    public String toString() {
        return "semver " + range;
    }

    private static Optional<Semver> version(String tag) {
        String text = tag.startsWith("v") || tag.startsWith("V") ? tag.substring(1) : tag;
        return Optional.ofNullable(Semver.parse(text));
    }
}
