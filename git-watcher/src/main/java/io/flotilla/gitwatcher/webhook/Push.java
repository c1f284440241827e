package io.flotilla.gitwatcher.webhook;

import java.util.List;
import java.util.Set;

/**
 * What a delivery says was pushed.
 *
 * @param repositories  the repository's URLs, normalised
 * @param branches      the branches pushed (a tag push names none)
 * @param anyRepository the sender did not say which repository: any may have changed
 * @param anyBranch     the sender did not say which branch: any may have changed
 */
record Push(Set<String> repositories, List<String> branches, boolean anyRepository, boolean anyBranch) {

    static final Push ANYTHING = new Push(Set.of(), List.of(), true, true);

    Push(Set<String> repositories, List<String> branches) {
        this(repositories, branches, false, false);
    }

    boolean concernsRepository(String repository) {
        return anyRepository || repositories.contains(RepositoryUrl.normalise(repository));
    }

    boolean concernsBranch(String branch) {
        return anyBranch || branches.contains(branch);
    }
}
