package io.flotilla.applier.ownership;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.ReleaseKey;

/**
 * The {@link Claim}s of a release on the objects it is about to apply, at the cost of as few reads as can be: an
 * object the release has already (its inventory) is its own, and one the dry run would create is new, so only an
 * object new to the release that the dry run found on the cluster is read. On a first install to an empty
 * cluster, or an upgrade that adds nothing already there, nothing is read at all.
 */
public final class ObjectClaims {

    private final Set<ObjectRef.Identity> adopted;
    private final List<ObjectResult> refused;
    private final Map<ObjectRef.Identity, String> markedFiles;

    private ObjectClaims(Set<ObjectRef.Identity> adopted, List<ObjectResult> refused,
            Map<ObjectRef.Identity, String> markedFiles) {
        this.adopted = adopted;
        this.refused = refused;
        this.markedFiles = markedFiles;
    }

    /**
     * Claims {@code objects} (each in its namespace) for {@code release}.
     *
     * @param sourceFile the file that declares the release; null when not known
     * @param inventory  the objects the release has on its cluster
     * @param onCluster  whether the dry run found the object on the cluster
     * @param live       reads the metadata of the object on the cluster; null when there is none
     */
    public static ObjectClaims of(ReleaseKey release, String sourceFile, List<ObjectRef> objects,
            List<ObjectRef> inventory, Predicate<ObjectRef> onCluster, Function<ObjectRef, ObjectMeta> live) {
        Set<ObjectRef.Identity> owned = inventory.stream().map(ObjectRef::identity).collect(Collectors.toSet());
        Set<ObjectRef.Identity> adopted = new HashSet<>();
        List<ObjectResult> refused = new ArrayList<>();
        Map<ObjectRef.Identity, String> markedFiles = new HashMap<>();
        for (ObjectRef ref : objects) {
            if (owned.contains(ref.identity()) || !onCluster.test(ref)) {
                continue;
            }
            ObjectMeta metadata = live.apply(ref);
            Claim claim = Claim.of(release, sourceFile, metadata);
            switch (claim.kind()) {
                case ADOPT -> adopted.add(ref.identity());
                case REFUSE -> refused.add(ObjectResult.failed(ref, claim.refusal()));
                case OWN -> {
                    String marked = Owner.of(metadata).sourceFile();
                    if (marked != null) {
                        markedFiles.put(ref.identity(), marked);
                    }
                }
                case NEW -> { }
            }
        }
        return new ObjectClaims(adopted, refused, markedFiles);
    }

    /** The objects another release owns, each with why, in the order given; empty when the release may go on. */
    public List<ObjectResult> refused() {
        return List.copyOf(refused);
    }

    /** Whether the object was on the cluster before the release, with no release's mark: to be marked adopted. */
    public boolean adopts(ObjectRef object) {
        return adopted.contains(object.identity());
    }

    /**
     * The file an object the release owns already was marked with, read while claiming it: what to mark it with
     * again when the release's own file is not known (objects applied again to undo drift).
     */
    public Optional<String> markedFile(ObjectRef object) {
        return Optional.ofNullable(markedFiles.get(object.identity()));
    }

    /** What the user should read about an adopted object. */
    public static String adoptionNote(ObjectRef object) {
        return object + ": adopted, as it was on the cluster before Flotilla applied it; prune and uninstall leave it "
                + "there";
    }
}
