package io.flotilla.observer.gitstatus;

import java.util.List;
import java.util.Set;

import io.flotilla.observer.commit.CommitJourney.ClusterHops;
import io.flotilla.observer.commit.CommitJourney.ReleaseHops;

/** Works out where a commit stands on a status's clusters from the releases its journey rendered and applied there. */
final class StatusVerdict {

    private static final Set<String> DONE = Set.of("Ready", "Uninstalled", "Suspended");
    private static final Set<String> FAILED = Set.of("Failed", "RolledBack");

    private StatusVerdict() {
    }

    static StatusState state(StatusScope scope) {
        List<ClusterHops> clusters = scope.clusters();
        if (clusters.stream().anyMatch(cluster -> !failed(cluster).isEmpty())) {
            return StatusState.FAILURE;
        }
        return clusters.stream().allMatch(cluster -> cluster.releases().stream().allMatch(StatusVerdict::done))
                ? StatusState.SUCCESS : StatusState.PENDING;
    }

    /**
     * {@code 2 of 3 releases Ready}, {@code 3 releases Ready}, {@code 1 of 3 releases failed: apps/web}; for a wave,
     * {@code 2 clusters: 1 of 4 releases failed: eu-1/apps/web}.
     */
    static String description(StatusScope scope) {
        List<ClusterHops> clusters = scope.clusters();
        int all = clusters.stream().mapToInt(cluster -> cluster.releases().size()).sum();
        String prefix = scope.wave() ? clusters.size() + (clusters.size() == 1 ? " cluster: " : " clusters: ") : "";
        List<String> failed = clusters.stream().flatMap(cluster -> failed(cluster).stream()
                .map(release -> (scope.wave() ? cluster.cluster() + "/" : "") + release.namespace() + "/"
                        + release.name())).toList();
        if (!failed.isEmpty()) {
            return prefix + failed.size() + " of " + all + " releases failed: " + String.join(", ", failed);
        }
        long done = clusters.stream().flatMap(cluster -> cluster.releases().stream()).filter(StatusVerdict::done)
                .count();
        return prefix + (done == all ? all + (all == 1 ? " release" : " releases") + " Ready"
                : done + " of " + all + " releases Ready");
    }

    /** Releases that failed to apply, or to render (an error and no outcome). */
    private static List<ReleaseHops> failed(ClusterHops cluster) {
        return cluster.releases().stream().filter(release -> release.outcome() == null ? release.error() != null
                : FAILED.contains(release.outcome())).toList();
    }

    /** Not yet applied (no outcome) is not done. */
    private static boolean done(ReleaseHops release) {
        return release.outcome() != null && DONE.contains(release.outcome());
    }
}
