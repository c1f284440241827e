package io.flotilla.observer.gitstatus;

import java.util.List;
import java.util.Set;

import io.flotilla.observer.commit.CommitJourney.ClusterHops;
import io.flotilla.observer.commit.CommitJourney.ReleaseHops;

/** Works out where a commit stands on one cluster from the releases its journey rendered and applied there. */
final class ClusterVerdict {

    private static final Set<String> DONE = Set.of("Ready", "Uninstalled", "Suspended");
    private static final Set<String> FAILED = Set.of("Failed", "RolledBack");

    private ClusterVerdict() {
    }

    static StatusState state(ClusterHops cluster) {
        if (!failed(cluster).isEmpty()) {
            return StatusState.FAILURE;
        }
        return cluster.releases().stream().allMatch(ClusterVerdict::done) ? StatusState.SUCCESS : StatusState.PENDING;
    }

    /** {@code 2 of 3 releases Ready}, {@code 3 releases Ready}, {@code 1 of 3 releases failed: apps/web}. */
    static String description(ClusterHops cluster) {
        int all = cluster.releases().size();
        List<ReleaseHops> failed = failed(cluster);
        if (!failed.isEmpty()) {
            return failed.size() + " of " + all + " releases failed: " + String.join(", ",
                    failed.stream().map(release -> release.namespace() + "/" + release.name()).toList());
        }
        long done = cluster.releases().stream().filter(ClusterVerdict::done).count();
        return done == all ? all + (all == 1 ? " release" : " releases") + " Ready"
                : done + " of " + all + " releases Ready";
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
