package io.flotilla.applier.dependency;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.flotilla.events.ReleaseKey;

/**
 * Releases held back by {@code dependsOn}, each under the releases it waits for; the latest rendering
 * of a release replaces the one it waited with. Kept in memory: a waiting rendering's record is not
 * acknowledged, so after a restart Kafka delivers it again and it waits again. A dependency may become Ready on
 * another applier instance, so what is waited for can be listed and looked up, to be checked against the shared
 * history.
 */
public final class WaitingReleases<T> {

    private final Map<ReleaseKey, Map<ReleaseKey, T>> byDependency = new HashMap<>();

    public synchronized void waitFor(ReleaseKey release, List<ReleaseKey> dependencies, T rendering) {
        byDependency.values().forEach(waiting -> waiting.remove(release));
        for (ReleaseKey dependency : dependencies) {
            byDependency.computeIfAbsent(dependency, key -> new LinkedHashMap<>()).put(release, rendering);
        }
    }

    /** Stops the release waiting: the rendering it waited with, if it did. */
    public synchronized Optional<T> withdraw(ReleaseKey release) {
        T withdrawn = null;
        for (Map<ReleaseKey, T> waiting : byDependency.values()) {
            T rendering = waiting.remove(release);
            withdrawn = rendering != null ? rendering : withdrawn;
        }
        byDependency.values().removeIf(Map::isEmpty);
        return Optional.ofNullable(withdrawn);
    }

    /** The renderings that waited for {@code ready}, no longer waiting; to be tried again. */
    public synchronized List<T> readied(ReleaseKey ready) {
        Map<ReleaseKey, T> waiting = byDependency.remove(ready);
        if (waiting == null) {
            return List.of();
        }
        waiting.keySet().forEach(release -> byDependency.values().forEach(others -> others.remove(release)));
        byDependency.values().removeIf(Map::isEmpty);
        return new ArrayList<>(waiting.values());
    }

    /** Whether some release waits for {@code dependency}. */
    public synchronized boolean waitedFor(ReleaseKey dependency) {
        return byDependency.containsKey(dependency);
    }

    /** The releases some release waits for. */
    public synchronized Set<ReleaseKey> dependencies() {
        return Set.copyOf(byDependency.keySet());
    }

    /** The releases a release names in {@code dependsOn}, on its own cluster; a bare name is in its namespace. */
    public static List<ReleaseKey> dependenciesOf(ReleaseKey release, List<String> dependsOn) {
        return dependsOn.stream().map(entry -> entry.contains("/")
                ? new ReleaseKey(release.cluster(), entry.substring(0, entry.indexOf('/')),
                        entry.substring(entry.indexOf('/') + 1))
                : new ReleaseKey(release.cluster(), release.namespace(), entry)).toList();
    }
}
