package io.flotilla.observer.drift;

import io.flotilla.events.ObjectRef;

/** One object of one cluster, whichever version of its API group it is read through. */
record ClusterObject(String cluster, ObjectRef.Identity identity) {

    static ClusterObject of(String cluster, ObjectRef ref) {
        return new ClusterObject(cluster, ref.identity());
    }
}
