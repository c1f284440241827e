package io.flotilla.observer.drift;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseKey;

/**
 * The followed releases that applied each live object: a change of the object compares them again. Changed from
 * the drift watch's thread only; whether an object is followed at all may be asked from any (the informers' threads
 * ask it to keep what is compared of the object).
 */
final class ObjectOwners {

    private final Map<ClusterObject, Set<ReleaseKey>> owners = new ConcurrentHashMap<>();

    void add(ReleaseKey release, Collection<ObjectRef> objects) {
        for (ObjectRef ref : objects) {
            owners.computeIfAbsent(ClusterObject.of(release.cluster(), ref), object -> new HashSet<>()).add(release);
        }
    }

    void remove(ReleaseKey release, Collection<ObjectRef> objects) {
        for (ObjectRef ref : objects) {
            ClusterObject object = ClusterObject.of(release.cluster(), ref);
            Set<ReleaseKey> releases = owners.get(object);
            if (releases != null && releases.remove(release) && releases.isEmpty()) {
                owners.remove(object);
            }
        }
    }

    /** The releases that applied the object; none when no followed release did. */
    Set<ReleaseKey> of(String cluster, ObjectRef ref) {
        return Set.copyOf(owners.getOrDefault(ClusterObject.of(cluster, ref), Set.of()));
    }

    boolean followed(String cluster, ObjectRef ref) {
        return owners.containsKey(ClusterObject.of(cluster, ref));
    }
}
