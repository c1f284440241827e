package io.flotilla.gitwatcher.source;

import io.flotilla.git.RemoteAccess;
import io.flotilla.gitwatcher.mirror.BareMirror;
import io.flotilla.gitwatcher.mirror.Head;

/**
 * What of a repository a source follows: one branch, the newest tag matching a pattern, or the highest
 * tag within a semver range. Releases cut as tags are deployed by following tags instead of a branch.
 */
public sealed interface RefSelector permits BranchRef, TagGlob, SemverTags {

    /**
     * Fetches what this selector needs into {@code mirror} and says where the source stands now.
     *
     * @throws io.flotilla.gitwatcher.mirror.MirrorException when the remote cannot be fetched or nothing matches
     */
    Head resolve(BareMirror mirror, RemoteAccess access);

    /** Whether a push of {@code ref} ({@code refs/heads/main}, {@code refs/tags/v1.4.0}) can move the source. */
    boolean movedBy(String ref);

    /**
     * The name the source's position is stored under: the branch itself for a branch (so positions stored
     * before tags were followed still hold), {@code tags:<glob>} or {@code semver:<range>} otherwise, which
     * no branch can be named since Git refuses ':' in ref names.
     */
    String positionKey();

    /** The branch followed, or null when tags are. */
    default String branch() {
        return null;
    }

    /** The tag pattern followed, or null. */
    default String tags() {
        return null;
    }

    /** The semver range of tags followed, or null. */
    default String semver() {
        return null;
    }

    /**
     * The selector a user asked for: at most one of the three may be given; none means {@code defaultBranch}.
     *
     * @throws IllegalArgumentException when more than one is given, or the glob or range cannot be read
     */
    static RefSelector of(String branch, String tags, String semver, String defaultBranch) {
        int given = (isSet(branch) ? 1 : 0) + (isSet(tags) ? 1 : 0) + (isSet(semver) ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException("give one of branch, tags or semver, not several (branch '" + branch
                    + "', tags '" + tags + "', semver '" + semver + "')");
        }
        if (isSet(tags)) {
            return new TagGlob(tags.strip());
        }
        if (isSet(semver)) {
            return new SemverTags(semver.strip());
        }
        return new BranchRef(isSet(branch) ? branch.strip() : defaultBranch);
    }

    /** The selector whose {@link #positionKey()} is {@code key}. */
    static RefSelector fromKey(String key) {
        if (key.startsWith(TagGlob.KEY_PREFIX)) {
            return new TagGlob(key.substring(TagGlob.KEY_PREFIX.length()));
        }
        if (key.startsWith(SemverTags.KEY_PREFIX)) {
            return new SemverTags(key.substring(SemverTags.KEY_PREFIX.length()));
        }
        return new BranchRef(key);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
