package io.flotilla.applier.prune;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseOptions;

/**
 * The objects a release had on its cluster that its new revision no longer has. An object is the same
 * across revisions by API group, kind, namespace and name: a chart moving a kind to a newer version of
 * its group keeps the object, as the API server does. A release that does not prune (a Flux Kustomization with
 * {@code prune: false}) deletes nothing, neither what it stops rendering nor, once removed, what it had.
 */
public final class PruneSet {

    private PruneSet() {
    }

    /** What to delete after applying {@code desired}: nothing when the release does not prune. */
    public static List<ObjectRef> of(ReleaseOptions options, List<ObjectRef> inventory, List<ObjectRef> desired) {
        return options.prune() ? of(inventory, desired) : List.of();
    }

    /** What to delete when the release is uninstalled: all it had, or nothing when it does not prune. */
    public static List<ObjectRef> onUninstall(ReleaseOptions options, List<ObjectRef> inventory) {
        return options.prune() ? inventory : List.of();
    }

    public static List<ObjectRef> of(List<ObjectRef> inventory, List<ObjectRef> desired) {
        Set<ObjectRef.Identity> kept = desired.stream().map(ObjectRef::identity).collect(Collectors.toSet());
        return inventory.stream().filter(object -> !kept.contains(object.identity())).distinct().toList();
    }
}
