package io.flotilla.events;

/**
 * The payload of an {@link Envelope}. Each event names its own type and schema version so that a
 * consumer can tell what it reads without knowing which topic it came from.
 */
public sealed interface Event
        permits CommitDetected, ReleaseRendered, ReleaseApplied, ReleaseReconciled, RolloutHeld, DriftFound, ImageTagFound,
        ClusterState, ClusterRegistered, ClusterRemoved, PullSecretsSynced, PreviewRequested, PreviewRendered,
        PreviewPlanned, PreviewChecked, DeadLetter {

    /** The key under which the event is published: it decides the partition, so the ordering. */
    String key();
}
