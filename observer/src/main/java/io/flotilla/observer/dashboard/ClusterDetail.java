package io.flotilla.observer.dashboard;

import java.util.List;
import java.util.Set;

import io.flotilla.observer.fleet.ClusterView;
import io.flotilla.observer.release.ReleaseStatus;
import io.flotilla.observer.trend.Trends;

/**
 * What the page of one cluster shows, read before it is written.
 *
 * @param cluster  the cluster with its latest state: nodes, workloads, autoscalers, stuck pods, warnings
 * @param releases the releases on it, by namespace and name
 * @param drifted  every drifted release, as {@code cluster/namespace/name}
 * @param readyOverTime how many of its releases were Ready, hour by hour
 * @param versions the versions it ran, newest first: its upgrades
 */
public record ClusterDetail(ClusterView cluster, List<ReleaseStatus> releases, Set<String> drifted,
        List<Trends.Ready> readyOverTime, List<Trends.Versions> versions) {
}
