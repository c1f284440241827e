package io.flotilla.observer.gitstatus;

/** Where a commit stands on one cluster. */
public enum StatusState {
    /** Rendered for the cluster; not every release is Ready yet. */
    PENDING,
    /** Every release of the commit is Ready (or uninstalled, or suspended) on the cluster. */
    SUCCESS,
    /** A release failed to render or to apply on the cluster. */
    FAILURE
}
