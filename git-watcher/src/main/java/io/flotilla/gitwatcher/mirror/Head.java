package io.flotilla.gitwatcher.mirror;

import org.eclipse.jgit.lib.ObjectId;

/**
 * Where a source stands after a fetch: the ref it follows now ({@code refs/heads/main}, or the tag chosen,
 * {@code refs/tags/v1.4.0}) and the commit that ref points to (an annotated tag already peeled).
 */
public record Head(String ref, ObjectId commit) {
}
