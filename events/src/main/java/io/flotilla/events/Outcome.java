package io.flotilla.events;

/** What became of a release on a cluster, as users see it in the API and the dashboard. */
public enum Outcome {
    Ready,
    Failed
}
