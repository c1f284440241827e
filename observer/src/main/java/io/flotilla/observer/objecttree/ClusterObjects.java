package io.flotilla.observer.objecttree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.flotilla.events.ObjectRef;

/**
 * The watched objects of one cluster, found by kind and name or by the uid of their owner. Updated from the watch
 * threads while a page reads a tree.
 */
final class ClusterObjects {

    /** Deeper than any chain of owners Kubernetes' own controllers make (CronJob, Job, Pod). */
    private static final int DEPTH = 6;

    private final Map<String, LiveObject> byName = new HashMap<>();
    private final Map<String, Set<String>> ownedBy = new HashMap<>();
    /** Counts every change, so that a page's tree is drawn anew only when something on its cluster changed. */
    private long changes;

    synchronized void seen(LiveObject object) {
        changes++;
        LiveObject before = byName.put(key(object.kind(), object.namespace(), object.name()), object);
        if (before != null) {
            unlink(before);
        }
        String key = key(object.kind(), object.namespace(), object.name());
        object.owners().forEach(owner -> ownedBy.computeIfAbsent(owner, uid -> new HashSet<>()).add(key));
    }

    synchronized void gone(String kind, String namespace, String name) {
        changes++;
        LiveObject before = byName.remove(key(kind, namespace, name));
        if (before != null) {
            unlink(before);
        }
    }

    synchronized long changes() {
        return changes;
    }

    /** The object applied, with what it owns, or {@link ObjectHealth#MISSING} when it is not on the cluster. */
    synchronized ObjectNode tree(ObjectRef object) {
        LiveObject live = byName.get(key(object.kind(), object.namespace(), object.name()));
        if (live == null) {
            return new ObjectNode(object, ObjectHealth.MISSING, "not on the cluster", List.of());
        }
        return node(object, live, DEPTH);
    }

    /**
     * A hook the revision ran, with what it owns; one not on the cluster was deleted once it ran, as Helm's
     * {@code hook-delete-policy} asks (by default before the next revision's hook is made), and has no health now.
     */
    synchronized ObjectNode hook(ObjectRef hook) {
        LiveObject live = byName.get(key(hook.kind(), hook.namespace(), hook.name()));
        if (live == null) {
            return new ObjectNode(hook, null, "not on the cluster: deleted once it ran, as its hook-delete-policy asks",
                    List.of(), true);
        }
        ObjectNode node = node(hook, live, DEPTH);
        return new ObjectNode(hook, node.health(), node.reason(), node.children(), true);
    }

    private ObjectNode node(ObjectRef ref, LiveObject live, int depth) {
        List<ObjectNode> children = new ArrayList<>();
        if (depth > 0 && live.uid() != null) {
            ownedBy.getOrDefault(live.uid(), Set.of()).stream().map(byName::get).filter(Objects::nonNull)
                    .sorted(Comparator.comparing(LiveObject::kind).thenComparing(LiveObject::name))
                    .forEach(child -> children.add(node(new ObjectRef(apiVersion(child.kind()), child.kind(),
                            child.namespace(), child.name()), child, depth - 1)));
        }
        return new ObjectNode(ref, live.health(), live.reason(), children);
    }

    private void unlink(LiveObject object) {
        String key = key(object.kind(), object.namespace(), object.name());
        for (String owner : object.owners()) {
            Set<String> owned = ownedBy.get(owner);
            if (owned != null && owned.remove(key) && owned.isEmpty()) {
                ownedBy.remove(owner);
            }
        }
    }

    private static String apiVersion(String kind) {
        return switch (kind) {
            case "Pod" -> "v1";
            case "Job", "CronJob" -> "batch/v1";
            default -> "apps/v1";
        };
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }
}
