package io.flotilla.gitwatcher.source;

import java.util.Objects;

/**
 * A branch of a repository that Flotilla follows. {@code repository} is kept exactly as configured
 * (a local path or a URL): it is the Kafka key of the source's events and where other services fetch from.
 */
public record GitSource(String repository, String branch) {

    public GitSource {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        if (repository.isBlank()) {
            throw new IllegalArgumentException("a Git source needs a repository (a local path or a URL)");
        }
        if (branch.isBlank()) {
            throw new IllegalArgumentException("Git source " + repository + " needs a branch");
        }
    }

    @Override
    public String toString() {
        return repository + " (branch " + branch + ")";
    }
}
