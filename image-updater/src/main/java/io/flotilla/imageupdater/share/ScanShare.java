package io.flotilla.imageupdater.share;

import java.util.Set;

import io.flotilla.events.Topic;
import io.flotilla.imageupdater.scan.ScanKey;
import io.flotilla.messaging.share.PartitionShare;
import io.flotilla.messaging.share.PartitionShares;

/**
 * Which image repositories this instance scans: those whose name as scanned ({@code registry/name}, the key of
 * {@link ScanKey#repository()}) falls on a partition of the images topic that Kafka gives this instance in the group
 * {@code flotilla.images.share-group}, a group that reads nothing. Before the group first answers, none: an instance
 * that starts scans once it knows its part. One that stops hands its repositories over at once; one killed, after
 * the share's session timeout.
 */
public final class ScanShare implements AutoCloseable {

    private final PartitionShares shares;
    private final String group;
    private volatile PartitionShare share;

    public ScanShare(PartitionShares shares, String group) {
        this.shares = shares;
        this.group = group;
    }

    /** Joins the group; {@code changed} is told after each change of what this instance owns, on the share's thread. */
    public void join(Runnable changed) {
        share = shares.join(Topic.IMAGES, group, now -> {
            share = now;
            changed.run();
        });
    }

    public boolean owns(ScanKey key) {
        return owns(key.repository().toString());
    }

    /** Whether this instance scans the repository {@code registry/name}. */
    public boolean owns(String repository) {
        PartitionShare current = share;
        return current != null && current.owns(repository);
    }

    /** The partitions of the images topic this instance owns now. */
    public Set<Integer> partitions() {
        PartitionShare current = share;
        return current == null ? Set.of() : current.partitions();
    }

    public String group() {
        return group;
    }

    /** Leaves the group, so that the other instances take this one's repositories at once. */
    @Override
    public void close() {
        PartitionShare current = share;
        if (current != null) {
            current.close();
        }
    }
}
