package io.flotilla.applier.queue;

import io.flotilla.events.ReleaseKey;

/**
 * Something to do to one release on its cluster, queued in the cluster's {@link ClusterQueue}. The work
 * acknowledges the record it came in itself ({@link DeliveredWork}), once what the record asked is done or no
 * longer needed.
 */
public interface Work {

    /** The release it is for; the works of one release run one at a time, in the order they came. */
    ReleaseKey release();

    /**
     * Whether this work makes {@code other}, for the same release, pointless: a newer rendering replaces an older
     * one, whichever of them comes to the queue first (a rendering that waited for {@code dependsOn} comes back).
     */
    boolean replaces(Work other);

    /** Does the work. */
    Ran run();

    /**
     * Runs while the cluster is known not to answer: finishes what needs no cluster, else reports the release
     * unreachable (once) and answers {@link Ran#unreachable}, to be run again when the cluster answers.
     */
    Ran runWhileUnreachable(String reason);

    /** Let go without running, because a newer work replaced it. */
    void drop();

    /** Failed in a way no retry mends; its record goes to the dead-letter topic. */
    void fail(Throwable failure);
}
