package io.flotilla.observer.objecttree;

import java.util.List;

/**
 * What the observer keeps of one watched object on a cluster: enough to place it under its owners and say how it is.
 *
 * @param owners the uids of the objects its owner references name
 * @param health one of {@link ObjectHealth}'s words
 * @param reason why it is not healthy, or what a Job or CronJob did, in a sentence; null when there is nothing to say
 */
public record LiveObject(String kind, String namespace, String name, String uid, List<String> owners, String health,
        String reason) {

    public LiveObject {
        owners = List.copyOf(owners);
    }
}
