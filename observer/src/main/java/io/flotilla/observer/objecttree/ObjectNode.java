package io.flotilla.observer.objecttree;

import java.util.List;

import io.flotilla.events.ObjectRef;

/**
 * One object of a release's tree with the objects it owns on its cluster.
 *
 * @param health one of {@link ObjectHealth}'s words, {@link ObjectHealth#MISSING} when a watched object is not on the
 *               cluster, or null for a kind whose health is not watched (a ConfigMap, a Service)
 * @param reason why it is not healthy, or what a Job or CronJob did; null when there is nothing to say
 * @param hook   whether it is a Helm hook the revision ran rather than an object it keeps on the cluster
 */
public record ObjectNode(ObjectRef object, String health, String reason, List<ObjectNode> children, boolean hook) {

    public ObjectNode {
        children = List.copyOf(children);
    }

    /** An object the revision keeps on the cluster, or one its owners made. */
    public ObjectNode(ObjectRef object, String health, String reason, List<ObjectNode> children) {
        this(object, health, reason, children, false);
    }
}
