package io.flotilla.events;

import java.time.Instant;

/** What a cluster looks like now: reachable or not, its version, its nodes and workloads. */
public record ClusterState(
        String cluster,
        boolean reachable,
        String kubernetesVersion,
        int nodesReady,
        int nodesTotal,
        int workloadsReady,
        int workloadsTotal,
        Instant observedAt) implements Event {

    @Override
    public String key() {
        return cluster;
    }
}
