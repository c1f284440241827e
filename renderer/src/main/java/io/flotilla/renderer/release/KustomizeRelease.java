package io.flotilla.renderer.release;

import java.util.Set;

/**
 * A release whose objects kustomize builds, read from the repository but not built yet: building runs kustomize,
 * so the scanner builds every such release of a commit at once.
 *
 * @param folders the folders of the repository its build takes in, which are no releases of their own
 */
record KustomizeRelease(Set<String> folders, Build build) {

    @FunctionalInterface
    interface Build {
        /** The release with the objects built, or failed with the file, the object and kustomize's reason. */
        DeclaredRelease run();
    }
}
