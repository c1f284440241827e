package io.flotilla.gitwatcher.source;

import java.util.Objects;

/**
 * What of a repository Flotilla follows: a branch, or tags. {@code repository} is kept exactly as
 * configured (a local path or a URL): it is the Kafka key of the source's events and where other services
 * fetch from.
 */
public record GitSource(String repository, RefSelector ref) {

    public GitSource {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(ref, "ref");
        if (repository.isBlank()) {
            throw new IllegalArgumentException("a Git source needs a repository (a local path or a URL)");
        }
    }

    /** The branch followed, or null when the source follows tags. */
    public String branch() {
        return ref.branch();
    }

    @Override
    public String toString() {
        return repository + " (" + ref + ")";
    }
}
