package io.flotilla.renderer.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;

/**
 * What the renderer last published for each repository: the releases it rendered and has not removed since,
 * and the last commit it rendered. A commit's removals are the releases published from its repository that it no
 * longer declares; a cluster whose capabilities change gets the last commit of each repository rendered again.
 * Kept in memory, and rebuilt after a restart from the compacted rendered topic, which holds the last rendering
 * of every release: the topic is what the applier acts on, so it is the truth of what was published.
 */
final class PublishedReleases {

    private final Map<String, Map<ReleaseKey, Published>> byRepository = new LinkedHashMap<>();
    private final Map<String, LastCommit> lastCommits = new LinkedHashMap<>();

    /** Renderings published, in the order they were: a removal forgets its release, anything else records it. */
    synchronized void record(List<ReleaseRendered> renderings) {
        for (ReleaseRendered rendering : renderings) {
            if (rendering.repository() == null) {
                continue;
            }
            Map<ReleaseKey, Published> releases = byRepository.computeIfAbsent(rendering.repository(),
                    repository -> new LinkedHashMap<>());
            if (rendering.removed()) {
                releases.remove(rendering.release());
            } else {
                releases.put(rendering.release(), new Published(rendering.release(), rendering.format(),
                        rendering.sourceFile(), rendering.options(), rendering.commitOrder()));
            }
            if (rendering.sourceSha() != null) {
                commitRendered(rendering.repository(), rendering.sourceSha(), rendering.commitOrder());
            }
        }
    }

    /** The repository's commit was rendered; the last commit of a repository is the one of the highest order. */
    synchronized void commitRendered(String repository, String sha, long order) {
        LastCommit known = lastCommits.get(repository);
        if (known == null || order >= known.order()) {
            lastCommits.put(repository, new LastCommit(repository, sha, order));
        }
    }

    /** The releases published from {@code repository} and not removed since. */
    synchronized List<Published> of(String repository) {
        return new ArrayList<>(byRepository.getOrDefault(repository, Map.of()).values());
    }

    /** The commit order of what was last published for {@code release} from {@code repository}, if anything. */
    synchronized OptionalLong order(String repository, ReleaseKey release) {
        Published known = byRepository.getOrDefault(repository, Map.of()).get(release);
        return known == null ? OptionalLong.empty() : OptionalLong.of(known.commitOrder());
    }

    /**
     * Forgets every release published on {@code cluster}, which left the fleet: none of them is removed by a later
     * commit (the cluster is no longer there to remove them from), and a cluster of that name that joins later
     * starts with nothing published.
     */
    synchronized void forgetCluster(String cluster) {
        byRepository.values().forEach(releases -> releases.keySet().removeIf(key -> key.cluster().equals(cluster)));
    }

    /** Forgets everything: a renderer whose state is about to be taken from another one. */
    synchronized void clear() {
        byRepository.clear();
        lastCommits.clear();
    }

    synchronized List<LastCommit> lastCommits() {
        return new ArrayList<>(lastCommits.values());
    }

    /**
     * A release as published: enough to say it is removed, and the commit order a later wave waits for.
     */
    record Published(ReleaseKey release, ReleaseFormat format, String sourceFile, ReleaseOptions options,
            long commitOrder) {
    }

    /** The last commit of a repository rendered, with its order on the commits topic. */
    record LastCommit(String repository, String sha, long order) {
    }
}
