package io.flotilla.renderer.source;

import java.util.Locale;

/**
 * Which commit of a repository a chart is taken from, as Flux names it: the head of a branch, a tag, the
 * highest tag in a semver range, a commit, or a name that is any of these (Helm Operator's {@code ref}, Flux's
 * {@code ref.name}).
 *
 * @param kind  what {@code value} is
 * @param value the branch, tag, range or commit sha
 */
public record GitRef(Kind kind, String value) {

    public enum Kind {
        BRANCH, TAG, SEMVER, COMMIT, NAME
    }

    /** Flux's and Helm Operator's default when no ref is given. */
    public static final GitRef DEFAULT = new GitRef(Kind.BRANCH, "master");

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " '" + value + "'";
    }
}
