package io.flotilla.events;

import java.util.List;

/**
 * The tag a policy ({@code glob:}, {@code semver:}, {@code regex:}, a Flux v2 ImagePolicy) chose for an image
 * repository, and the edits of the fleet repository's files that move the releases following that policy to it.
 * git-watcher writes the edits as one {@code Auto-release} commit (with others found within its batching window).
 *
 * @param edits every value in Git that should hold this image's new tag (or name, or digest); empty when the
 *              policy's choice is already in every file
 */
public record ImageTagFound(String repository, String tag, String digest, String policy, List<ImageEdit> edits)
        implements Event {

    public ImageTagFound {
        edits = edits == null ? List.of() : List.copyOf(edits);
    }

    /** A choice with no edit to make. */
    public ImageTagFound(String repository, String tag, String digest, String policy) {
        this(repository, tag, digest, policy, List.of());
    }

    @Override
    public String key() {
        return repository;
    }

    /**
     * One scalar of one YAML document of one file of a Git source to set.
     *
     * @param source          the Git repository, as {@code CommitDetected.repository} names it
     * @param branch          the branch the file was read from
     * @param file            the file's path in the repository
     * @param document        the document's index in the file, from 0
     * @param path            the keys (and list indexes, as decimal strings) from the document's root to the scalar
     * @param value           what the scalar should read
     * @param expected        what it read when the image-updater looked: a file that reads otherwise now was changed
     *                        by a person since, and is left as they left it
     * @param release         the release or object it serves ({@code namespace/name}), for the commit message
     * @param pushBranch      where to push the commit; null for {@code branch} itself (Flux v2 {@code push.branch})
     * @param author          the commit's author as {@code Name <email>}; null for git-watcher's configured author
     * @param messageTemplate the commit message's template (Flux v2 {@code messageTemplate}); null for
     *                        {@code Auto-release <image>:<tag>}
     */
    public record ImageEdit(String source, String branch, String file, int document, List<String> path, String value,
            String expected, String release, String pushBranch, String author, String messageTemplate) {

        public ImageEdit {
            path = path == null ? List.of() : List.copyOf(path);
        }
    }
}
