package io.flotilla.imageupdater.declaration;

import java.util.List;

/**
 * One scalar of a file that follows an image: the file, the document's index in it, the keys and list indexes
 * from the document's root, what it reads now, what it holds of the image ({@link ValueForm}) and the repository
 * as written for that value, the release or object it serves (for the commit message) and how the commit is made.
 */
public record EditTarget(String file, int document, List<String> path, String current, ValueForm form,
        String repositoryAsWritten, String release, CommitSettings commit) {

    public EditTarget {
        path = List.copyOf(path);
    }

    /** What the scalar should read for the chosen tag and digest. */
    public String valueFor(String tag, String digest) {
        return form.value(repositoryAsWritten, tag, digest);
    }

    /** {@code file#document:a.b.0.c}, for people. */
    public String where() {
        return file + "#" + document + ":" + String.join(".", path);
    }
}
