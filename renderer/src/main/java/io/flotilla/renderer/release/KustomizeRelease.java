package io.flotilla.renderer.release;

import java.util.List;
import java.util.Map;
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
        Built run();
    }

    /**
     * What a build made.
     *
     * @param release      the release of the objects it applies, failed when it cannot be built
     * @param declarations the HelmReleases, Flux sources and Kustomizations it built, as built: Flotilla reads them
     *                     as declarations, not as objects to apply
     */
    record Built(DeclaredRelease release, List<Map<String, Object>> declarations) {

        Built {
            declarations = List.copyOf(declarations);
        }

        /** A release that builds nothing more: refused, or failed to build. */
        Built(DeclaredRelease release) {
            this(release, List.of());
        }
    }
}
