package io.flotilla.gitwatcher.webhook;

import java.util.List;
import java.util.Set;

import org.eclipse.jgit.lib.Constants;

import io.flotilla.git.RepositoryUrl;
import io.flotilla.gitwatcher.source.RefSelector;

/**
 * What a delivery says was pushed.
 *
 * @param repositories  the repository's URLs, normalised
 * @param refs          the full refs pushed: {@code refs/heads/main}, {@code refs/tags/v1.4.0}
 * @param anyRepository the sender did not say which repository: any may have changed
 * @param anyRef        the sender did not say which branch or tag: any may have changed
 * @param deleted       the refs were deleted rather than moved
 */
record Push(Set<String> repositories, List<String> refs, boolean anyRepository, boolean anyRef, boolean deleted) {

    static final Push ANYTHING = new Push(Set.of(), List.of(), true, true, false);

    Push(Set<String> repositories, List<String> refs, boolean deleted) {
        this(repositories, refs, false, false, deleted);
    }

    /** Whether only branches were deleted: nothing to fetch, the sources keep their last commit. */
    boolean deletesBranchesOnly() {
        return deleted && !refs.isEmpty() && refs.stream().allMatch(ref -> ref.startsWith(Constants.R_HEADS));
    }

    boolean concernsRepository(String repository) {
        return anyRepository || repositories.contains(RepositoryUrl.normalise(repository));
    }

    /** Whether the push can move a source following {@code selector}: its branch, or a tag it may choose. */
    boolean concerns(RefSelector selector) {
        return anyRef || refs.stream().anyMatch(selector::movedBy);
    }
}
