package io.flotilla.observer.dashboard;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.flotilla.observer.drift.DriftRecords;
import io.flotilla.observer.fleet.ClusterViews;
import io.flotilla.observer.release.Releases;
import io.flotilla.observer.trend.Trends;
import io.smallrye.mutiny.Uni;

/**
 * Reads what the page of one cluster shows: the cluster as the API shows it, its releases, which drifted, how many
 * were Ready over time, and the versions it ran.
 */
@ApplicationScoped
public class ClusterDetailReader {

    private final ClusterViews clusters;
    private final Releases releases;
    private final DriftRecords drifts;
    private final Trends trends;

    public ClusterDetailReader(ClusterViews clusters, Releases releases, DriftRecords drifts, Trends trends) {
        this.trends = trends;
        this.clusters = clusters;
        this.releases = releases;
        this.drifts = drifts;
    }

    /** The cluster's page; empty when no cluster of that name is registered. */
    public Uni<Optional<ClusterDetail>> read(String name) {
        return clusters.named(name).chain(view -> view.isEmpty() ? Uni.createFrom().item(Optional.empty())
                : releases.matching(name, null, null, null).chain(onIt -> drifts.releases()
                        .chain(drifted -> trends.readyOf(name).chain(readyOverTime -> trends.versionsOf(name)
                                .map(versions -> Optional.of(new ClusterDetail(view.get(), onIt, drifted,
                                        readyOverTime, versions)))))));
    }
}
