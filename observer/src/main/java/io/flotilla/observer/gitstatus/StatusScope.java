package io.flotilla.observer.gitstatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flotilla.observer.commit.CommitJourney;
import io.flotilla.observer.commit.CommitJourney.ClusterHops;
import io.flotilla.observer.commit.CommitJourney.ReleaseHops;

/**
 * What one commit status is about: one cluster's releases ({@code flotilla/<cluster>}), or, when statuses are sent
 * per wave, the releases of one wave of a rollout on every cluster of the wave ({@code flotilla/<rollout>/<wave>}).
 * Releases outside any rollout keep a status per cluster either way.
 *
 * @param name     the cluster, or {@code <rollout>/<wave>}
 * @param clusters the clusters, each with only the releases this status is about
 */
record StatusScope(String name, boolean wave, List<ClusterHops> clusters) {

    /** Which statuses a commit has: per cluster, or per wave where its releases roll out in waves. */
    enum Per {
        CLUSTER, WAVE
    }

    static List<StatusScope> of(CommitJourney journey, Per per) {
        if (per == Per.CLUSTER) {
            return journey.clusters().stream().map(cluster -> new StatusScope(cluster.cluster(), false, List.of(cluster)))
                    .toList();
        }
        Map<String, List<ClusterHops>> waves = new LinkedHashMap<>();
        List<StatusScope> scopes = new ArrayList<>();
        for (ClusterHops cluster : journey.clusters()) {
            List<ReleaseHops> outsideWaves = cluster.releases().stream().filter(release -> release.wave() == null)
                    .toList();
            if (!outsideWaves.isEmpty()) {
                scopes.add(new StatusScope(cluster.cluster(), false, List.of(only(cluster, outsideWaves))));
            }
            Map<String, List<ReleaseHops>> byWave = new LinkedHashMap<>();
            cluster.releases().stream().filter(release -> release.wave() != null)
                    .forEach(release -> byWave.computeIfAbsent(release.wave(), wave -> new ArrayList<>()).add(release));
            byWave.forEach((wave, releases) -> waves.computeIfAbsent(wave, name -> new ArrayList<>())
                    .add(only(cluster, releases)));
        }
        waves.forEach((wave, clusters) -> scopes.add(new StatusScope(wave, true, List.copyOf(clusters))));
        return scopes;
    }

    private static ClusterHops only(ClusterHops cluster, List<ReleaseHops> releases) {
        if (releases.size() == cluster.releases().size()) {
            return cluster;
        }
        return new ClusterHops(cluster.cluster(),
                (int) releases.stream().filter(release -> "Ready".equals(release.outcome())).count(),
                (int) releases.stream().filter(release -> "Failed".equals(release.outcome())).count(),
                cluster.commitToAppliedMs(), List.copyOf(releases));
    }
}
