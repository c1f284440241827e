package io.flotilla.applier.ownership;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.flotilla.events.ReleaseKey;

/**
 * Whether a release may delete an object it no longer has (prune) or that it had when it is uninstalled: only
 * when the object on the cluster is marked as that release's and was not adopted, or, unmarked, Helm's annotations
 * name that release (Helm installed it, and Flotilla took the release over). An object with no release's mark stays
 * too, as Flotilla cannot tell that it created it.
 */
public final class PruneGuard {

    private PruneGuard() {
    }

    /** Why {@code release} must leave the object {@code live} on its cluster; empty when it may delete it. */
    public static Optional<String> keepReason(ReleaseKey release, ObjectMeta live) {
        Owner owner = Owner.of(live);
        if (!owner.marked() && Claim.installedByHelmAs(release, live)) {
            return Optional.empty();
        }
        if (!owner.marked()) {
            return Optional.of("kept; it has no annotation " + OwnershipMarks.RELEASE
                    + ", so Flotilla cannot tell that it created it");
        }
        if (!owner.is(release)) {
            return Optional.of("kept; " + owner.describe() + " owns it");
        }
        if (owner.adopted()) {
            return Optional.of("kept; it was on the cluster before Flotilla applied it (" + OwnershipMarks.ADOPTED
                    + "), and Flotilla never deletes what it adopted");
        }
        return Optional.empty();
    }
}
