package io.flotilla.observer.drift;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A release whose objects are compared with the live ones, as its last applied revision left it: what the drift
 * watch needs to follow it again after a restart, since the topics are read on from where the observer stopped, and
 * how the instance that read its events tells the instance watching its cluster (which reads the rows changed since
 * it last looked). A release no longer followed is marked {@code gone} by a reader that does not watch its cluster,
 * and deleted by the watcher.
 */
@Entity
@Table(name = "followed_release")
// Named, so Hibernate parses them at boot rather than on the first request's event-loop thread.
@NamedQuery(name = FollowedRelease.OF_CLUSTER, query = "from FollowedRelease where cluster = :cluster")
@NamedQuery(name = FollowedRelease.CHANGED_SINCE, query = "select releaseKey, appliedId, gone from FollowedRelease"
        + " where changedAt > :since")
@NamedQuery(name = FollowedRelease.DELETE_OF_RELEASE, query = "delete from FollowedRelease where releaseKey = :key")
@NamedQuery(name = FollowedRelease.DELETE_GONE, query = "delete from FollowedRelease where releaseKey = :key"
        + " and gone = true")
@NamedQuery(name = FollowedRelease.MARK_GONE, query = "update FollowedRelease set gone = true, changedAt = :at"
        + " where releaseKey = :key")
// Rows kept before the cluster had a column of its own: the first part of the key.
@NamedQuery(name = FollowedRelease.FILL_CLUSTERS, query = "update FollowedRelease"
        + " set cluster = substring(releaseKey, 1, locate('/', releaseKey) - 1) where cluster is null")
public class FollowedRelease {

    static final String OF_CLUSTER = "FollowedRelease.ofCluster";
    static final String CHANGED_SINCE = "FollowedRelease.changedSince";
    static final String DELETE_OF_RELEASE = "FollowedRelease.deleteOfRelease";
    static final String DELETE_GONE = "FollowedRelease.deleteGone";
    static final String MARK_GONE = "FollowedRelease.markGone";
    static final String FILL_CLUSTERS = "FollowedRelease.fillClusters";

    /** {@code cluster/namespace/name}, as {@link io.flotilla.events.ReleaseKey} writes it. */
    @Id
    @Column(name = "release_key", length = 512)
    public String releaseKey;

    /** The release's cluster: the instance watching it reads these rows. */
    @Column(length = 255)
    public String cluster;

    /** The id of the applied event: the watcher reads again only a row whose revision it does not follow yet. */
    @Column(length = 64)
    public String appliedId;

    /** When it was last written, by the writer's clock. */
    public Instant changedAt;

    /** No longer followed: its cluster's watcher forgets it and its drift, and deletes it. */
    public Boolean gone;

    /** The {@link io.flotilla.events.ReleaseApplied} event, as it came. */
    @Column(columnDefinition = "text", nullable = false)
    public String applied;

    /** The W3C trace context the applied event came with, or null. */
    @Column(length = 64)
    public String traceparent;

    /** Each object as applied, with its reference. */
    @Column(columnDefinition = "text", nullable = false)
    public String objects;

    /** The release's {@link io.flotilla.events.ReleaseOptions}. */
    @Column(columnDefinition = "text", nullable = false)
    public String options;
}
