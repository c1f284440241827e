package io.flotilla.events;

/** What became of a release on a cluster, as users see it in the API and the dashboard. */
public enum Outcome {
    /** Applied; waiting for the workloads to become healthy. */
    Progressing,
    Ready,
    Failed,
    /** Remediation gave up on the new revision and re-applied the last Ready one. */
    RolledBack,
    /** The release says {@code suspend: true}: nothing is applied. */
    Suspended,
    /** Its cluster does not answer; retried with backoff. */
    Unreachable,
    /** Removed from Git: its objects were deleted from the cluster. */
    Uninstalled
}
