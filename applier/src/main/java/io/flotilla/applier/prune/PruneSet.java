package io.flotilla.applier.prune;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.flotilla.events.ObjectRef;

/**
 * The objects a release had on its cluster that its new revision no longer has. An object is the same
 * across revisions by API group, kind, namespace and name: a chart moving a kind to a newer version of
 * its group keeps the object, as the API server does.
 */
public final class PruneSet {

    private PruneSet() {
    }

    public static List<ObjectRef> of(List<ObjectRef> inventory, List<ObjectRef> desired) {
        Set<ObjectRef.Identity> kept = desired.stream().map(ObjectRef::identity).collect(Collectors.toSet());
        return inventory.stream().filter(object -> !kept.contains(object.identity())).distinct().toList();
    }
}
