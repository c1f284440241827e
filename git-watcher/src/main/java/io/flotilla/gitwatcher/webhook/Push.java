package io.flotilla.gitwatcher.webhook;

import java.util.List;
import java.util.Set;

import io.flotilla.gitwatcher.source.RefSelector;

/**
 * What a delivery says was pushed.
 *
 * @param repositories  the repository's URLs, normalised
 * @param refs          the full refs pushed: {@code refs/heads/main}, {@code refs/tags/v1.4.0}
 * @param anyRepository the sender did not say which repository: any may have changed
 * @param anyRef        the sender did not say which branch or tag: any may have changed
 */
record Push(Set<String> repositories, List<String> refs, boolean anyRepository, boolean anyRef) {

    static final Push ANYTHING = new Push(Set.of(), List.of(), true, true);

    Push(Set<String> repositories, List<String> refs) {
        this(repositories, refs, false, false);
    }

    boolean concernsRepository(String repository) {
        return anyRepository || repositories.contains(RepositoryUrl.normalise(repository));
    }

    /** Whether the push can move a source following {@code selector}: its branch, or a tag it may choose. */
    boolean concerns(RefSelector selector) {
        return anyRef || refs.stream().anyMatch(selector::movedBy);
    }
}
