package io.flotilla.observer.drift;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A release whose objects are compared with the live ones, as its last applied revision left it: what the drift
 * watch needs to follow it again after a restart, since the topics are read on from where the observer stopped.
 */
@Entity
@Table(name = "followed_release")
// Named, so Hibernate parses them at boot rather than on the first request's event-loop thread.
@NamedQuery(name = FollowedRelease.ALL, query = "from FollowedRelease")
@NamedQuery(name = FollowedRelease.DELETE_OF_RELEASE, query = "delete from FollowedRelease where releaseKey = :key")
public class FollowedRelease {

    static final String ALL = "FollowedRelease.all";
    static final String DELETE_OF_RELEASE = "FollowedRelease.deleteOfRelease";

    /** {@code cluster/namespace/name}, as {@link io.flotilla.events.ReleaseKey} writes it. */
    @Id
    @Column(name = "release_key", length = 512)
    public String releaseKey;

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
