package io.flotilla.applier.queue;

import java.util.Map;

/**
 * The slots of each cluster shared by every applier instance: a cluster has {@code limit} slots, and a work runs on
 * it only in a slot its instance holds, so that the limit on concurrent applies holds for the whole group of
 * instances, not per instance. Slots are taken in batches and kept while their instance has work for the cluster;
 * a slot whose holder stops renewing it (a dead instance) is free again after its lease.
 */
public interface SharedSlots {

    /**
     * Takes up to {@code wanted} free slots of the cluster, of {@code limit} in all: the number taken. Taking fewer
     * than wanted makes the shortfall known to the other instances, which give back what they hold beyond their share.
     */
    int take(String cluster, int limit, int wanted);

    /** Gives back {@code count} of the slots this instance holds on the cluster. */
    void give(String cluster, int count);

    /** Renews the lease of every slot this instance holds: what it still holds, by cluster. */
    Map<String, Holding> renew();

    /** Gives back every slot this instance holds, when it stops. */
    void giveAll();

    /**
     * What an instance holds on a cluster after a renewal.
     *
     * @param slots          the slots it still holds (fewer than it took when a lease ran out and another took them)
     * @param othersWanting  how many other instances want slots of the cluster and could not take them
     */
    record Holding(int slots, int othersWanting) {
    }
}
