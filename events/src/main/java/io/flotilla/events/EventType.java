package io.flotilla.events;

import java.util.Arrays;
import java.util.Optional;

/** Every event type, its payload class, its current schema version and its topic. */
public enum EventType {
    COMMIT_DETECTED("CommitDetected", CommitDetected.class, 1, Topic.COMMITS),
    RELEASE_RENDERED("ReleaseRendered", ReleaseRendered.class, 1, Topic.RENDERED),
    RELEASE_APPLIED("ReleaseApplied", ReleaseApplied.class, 1, Topic.APPLIED),
    RELEASE_RECONCILED("ReleaseReconciled", ReleaseReconciled.class, 1, Topic.APPLIED),
    ROLLOUT_HELD("RolloutHeld", RolloutHeld.class, 1, Topic.APPLIED),
    DRIFT_FOUND("DriftFound", DriftFound.class, 1, Topic.DRIFT),
    IMAGE_TAG_FOUND("ImageTagFound", ImageTagFound.class, 1, Topic.IMAGES),
    CLUSTER_STATE("ClusterState", ClusterState.class, 1, Topic.CLUSTERS),
    CLUSTER_REGISTERED("ClusterRegistered", ClusterRegistered.class, 1, Topic.CLUSTERS),
    CLUSTER_REMOVED("ClusterRemoved", ClusterRemoved.class, 1, Topic.CLUSTERS),
    PULL_SECRETS_SYNCED("PullSecretsSynced", PullSecretsSynced.class, 1, Topic.PULLSECRETS),
    PREVIEW_REQUESTED("PreviewRequested", PreviewRequested.class, 1, Topic.PREVIEWS),
    PREVIEW_RENDERED("PreviewRendered", PreviewRendered.class, 1, Topic.PREVIEW_RENDERS),
    PREVIEW_PLANNED("PreviewPlanned", PreviewPlanned.class, 1, Topic.PREVIEW_RESULTS),
    PREVIEW_CHECKED("PreviewChecked", PreviewChecked.class, 1, Topic.PREVIEW_RESULTS),
    DEAD_LETTER("DeadLetter", DeadLetter.class, 1, Topic.DLQ);

    private final String wireName;
    private final Class<? extends Event> payloadClass;
    private final int version;
    private final Topic topic;

    EventType(String wireName, Class<? extends Event> payloadClass, int version, Topic topic) {
        this.wireName = wireName;
        this.payloadClass = payloadClass;
        this.version = version;
        this.topic = topic;
    }

    public String wireName() {
        return wireName;
    }

    public Class<? extends Event> payloadClass() {
        return payloadClass;
    }

    public int version() {
        return version;
    }

    public Topic topic() {
        return topic;
    }

    public static EventType of(Event event) {
        return of(event.getClass());
    }

    public static EventType of(Class<? extends Event> payloadClass) {
        return Arrays.stream(values()).filter(t -> t.payloadClass == payloadClass).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event type for " + payloadClass));
    }

    public static Optional<EventType> byWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
