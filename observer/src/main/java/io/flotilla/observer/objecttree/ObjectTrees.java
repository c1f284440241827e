package io.flotilla.observer.objecttree;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flotilla.events.ObjectRef;

/**
 * The watched objects of every cluster (Deployments, ReplicaSets, StatefulSets, DaemonSets, Pods, Jobs, CronJobs), kept
 * from the inventory's watches, and the tree under the objects a release applied: each with its health, and what it
 * owns under it. Kept in memory: it is the clusters' state now, watched again after a restart.
 */
@ApplicationScoped
public class ObjectTrees {

    private final Map<String, ClusterObjects> clusters = new ConcurrentHashMap<>();

    /** An object of a {@linkplain ObjectHealth#watched watched} kind was added or changed. */
    public void seen(String cluster, HasMetadata object) {
        clusters.computeIfAbsent(cluster, name -> new ClusterObjects()).seen(ObjectHealth.of(object));
    }

    public void gone(String cluster, HasMetadata object) {
        ClusterObjects objects = clusters.get(cluster);
        if (objects != null) {
            objects.gone(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName());
        }
    }

    /** The cluster left the fleet. */
    public void forget(String cluster) {
        clusters.remove(cluster);
    }

    /**
     * The trees under these objects of a release: a watched kind's object with its health and what it owns
     * ({@link ObjectHealth#UNKNOWN} while nothing is known of the cluster), any other kind as it is named, with no
     * health.
     */
    public List<ObjectNode> of(String cluster, List<ObjectRef> objects) {
        return of(cluster, new ReleaseObjects(objects, List.of()));
    }

    /** The trees under a revision's objects, then under the hooks it ran that have a health of their own. */
    public List<ObjectNode> of(String cluster, ReleaseObjects release) {
        ClusterObjects known = clusters.get(cluster);
        Stream<ObjectNode> applied = release.applied().stream().map(object -> {
            if (!ObjectHealth.watched(object.kind())) {
                return new ObjectNode(object, null, null, List.of());
            }
            return known == null ? unknown(cluster, object, false) : known.tree(object);
        });
        Stream<ObjectNode> hooks = release.hooks().stream()
                .map(hook -> known == null ? unknown(cluster, hook, true) : known.hook(hook));
        return Stream.concat(applied, hooks).toList();
    }

    /**
     * How many changes of watched objects the cluster has seen: a tree drawn when this was the same is drawn the
     * same; -1 while nothing is known of the cluster.
     */
    public long changes(String cluster) {
        ClusterObjects known = clusters.get(cluster);
        return known == null ? -1 : known.changes();
    }

    private static ObjectNode unknown(String cluster, ObjectRef object, boolean hook) {
        return new ObjectNode(object, ObjectHealth.UNKNOWN, "nothing is known of cluster " + cluster
                + " yet: it is not watched, or has not answered", List.of(), hook);
    }
}
