package io.flotilla.gitwatcher.source;

import java.util.Comparator;
import java.util.regex.Pattern;

import org.eclipse.jgit.lib.Constants;

import io.flotilla.git.RemoteAccess;
import io.flotilla.gitwatcher.mirror.BareMirror;
import io.flotilla.gitwatcher.mirror.Head;
import io.flotilla.gitwatcher.mirror.MirrorException;
import io.flotilla.gitwatcher.mirror.Tag;

/**
 * The newest tag whose name matches a pattern ({@code *} any characters but '/', {@code ?} one): newest by
 * when it was tagged (an annotated tag's date, else its commit's), the greater name when two tie.
 */
public record TagGlob(String pattern) implements RefSelector {

    static final String KEY_PREFIX = "tags:";

    private static final Comparator<Tag> NEWEST_LAST = Comparator.comparing(Tag::time).thenComparing(Tag::name);

    public TagGlob {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("a tag pattern cannot be empty");
        }
    }

    @Override
    public Head resolve(BareMirror mirror, RemoteAccess access) {
        Pattern regex = regex();
        return mirror.fetchTags(access).stream()
                .filter(tag -> regex.matcher(tag.name()).matches())
                .max(NEWEST_LAST)
                .map(Tag::head)
                .orElseThrow(() -> new MirrorException("no tag of " + mirror.remote() + " matches '" + pattern + "'"));
    }

    @Override
    public boolean movedBy(String ref) {
        return ref.startsWith(Constants.R_TAGS) && regex().matcher(ref.substring(Constants.R_TAGS.length())).matches();
    }

    @Override
    public String positionKey() {
        return KEY_PREFIX + pattern;
    }

    @Override
    public String tags() {
        return pattern;
    }

    @Override
    public String toString() {
        return "tags " + pattern;
    }

    private Pattern regex() {
        return RefGlob.regex(pattern);
    }
}
