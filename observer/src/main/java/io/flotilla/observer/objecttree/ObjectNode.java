package io.flotilla.observer.objecttree;

import java.util.List;

import io.flotilla.events.ObjectRef;

/**
 * One object of a release's tree with the objects it owns on its cluster.
 *
 * @param health one of {@link ObjectHealth}'s words, {@link ObjectHealth#MISSING} when a watched object is not on the
 *               cluster, or null for a kind whose health is not watched (a ConfigMap, a Service)
 * @param reason why it is not healthy; null when it is, or its health is not known
 */
public record ObjectNode(ObjectRef object, String health, String reason, List<ObjectNode> children) {

    public ObjectNode {
        children = List.copyOf(children);
    }
}
