package io.flotilla.gitwatcher.mirror;

import java.time.Instant;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A tag of the mirror.
 *
 * @param name   the short name, {@code v1.4.0}
 * @param commit the commit it points to (an annotated tag peeled)
 * @param time   when it was made: the tagger's time for an annotated tag, the commit's time for a lightweight one
 */
public record Tag(String name, ObjectId commit, Instant time) {

    public Head head() {
        return new Head(Constants.R_TAGS + name, commit);
    }
}
