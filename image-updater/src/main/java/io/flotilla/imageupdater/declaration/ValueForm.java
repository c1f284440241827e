package io.flotilla.imageupdater.declaration;

/**
 * What a value in a file holds of an image, and so what it should read once a policy chose a tag: the whole
 * reference ({@code ghcr.io/org/app:1.2.0}, the repository as the file or the ImageRepository writes it), the tag
 * alone, the repository alone, or the digest. Flux v2's setter markers name them {@code "ns:policy"},
 * {@code "ns:policy:tag"}, {@code "ns:policy:name"} and {@code "ns:policy:digest"}.
 */
public enum ValueForm {
    IMAGE, TAG, NAME, DIGEST;

    /** The value for the chosen {@code tag} and {@code digest} of the repository written {@code repository}. */
    public String value(String repository, String tag, String digest) {
        return switch (this) {
            case IMAGE -> repository + ":" + tag;
            case TAG -> tag;
            case NAME -> repository;
            case DIGEST -> digest;
        };
    }
}
