package io.flotilla.registrysecrets.cluster;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.flotilla.registrysecrets.pullsecret.ClusterCoverage;
import io.flotilla.registrysecrets.pullsecret.PullSecretCoverage;

/**
 * The last sync of every cluster, for the API. A problem is logged when it first shows on a cluster, not at every
 * sync that finds it again.
 */
@ApplicationScoped
public class FleetCoverage {

    private static final Logger LOG = Logger.getLogger(FleetCoverage.class);

    private final Map<String, ClusterCoverage> clusters = new ConcurrentHashMap<>();

    /** Keeps {@code coverage} as its cluster's latest. */
    public void synced(ClusterCoverage coverage) {
        ClusterCoverage before = clusters.put(coverage.cluster(), coverage);
        List<String> known = before == null ? List.of() : problems(before);
        for (String problem : problems(coverage)) {
            if (!known.contains(problem)) {
                LOG.warnf("cluster %s: %s", coverage.cluster(), problem);
            }
        }
    }

    /** The cluster could not be synced: its coverage stays as last seen, with the reason. */
    public void failed(String cluster, String error) {
        ClusterCoverage before = clusters.get(cluster);
        if (before == null || !Objects.equals(before.error(), error)) {
            LOG.warnf("cluster %s: pull secrets not synced: %s", cluster, error);
        }
        clusters.put(cluster, before == null ? new ClusterCoverage(cluster, null, List.of(), List.of(), error)
                : new ClusterCoverage(cluster, before.lastSync(), before.pullSecrets(), before.removalErrors(), error));
    }

    /** The cluster left the fleet: it is synced no more, so it is no longer shown. */
    public void forget(String cluster) {
        clusters.remove(cluster);
    }

    /** Every cluster's latest, by name. */
    public List<ClusterCoverage> clusters() {
        return clusters.values().stream().sorted(Comparator.comparing(ClusterCoverage::cluster)).toList();
    }

    private static List<String> problems(ClusterCoverage coverage) {
        return Stream.concat(coverage.pullSecrets().stream().map(PullSecretCoverage::errors).flatMap(List::stream),
                coverage.removalErrors().stream()).toList();
    }
}
