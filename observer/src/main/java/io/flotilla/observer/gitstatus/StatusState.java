package io.flotilla.observer.gitstatus;

/** Where a commit stands on one status's scope: a cluster, or the clusters of one wave of a rollout. */
public enum StatusState {
    /** Rendered there; not every release is Ready yet. */
    PENDING,
    /** Every release of the commit there is Ready (or uninstalled, or suspended). */
    SUCCESS,
    /** A release there failed to render or to apply. */
    FAILURE
}
