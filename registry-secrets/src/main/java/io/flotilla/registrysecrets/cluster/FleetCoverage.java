package io.flotilla.registrysecrets.cluster;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.flotilla.events.PullSecretsSynced;
import io.flotilla.registrysecrets.pullsecret.ClusterCoverage;

/**
 * Every cluster's pull secrets as last seen, for the API, and what the pullsecrets topic has been told: a cluster's
 * coverage is published when it differs from the last published (its namespaces covered, a rotation's stale
 * namespaces, a digest, an error), never for a resync that found everything as it was. A sync's progress is shown in
 * the API only. A problem is logged when it first shows on a cluster, not at every sync that finds it again.
 */
@ApplicationScoped
public class FleetCoverage {

    private static final Logger LOG = Logger.getLogger(FleetCoverage.class);

    private final CoverageTopic topic;
    private final Map<String, ClusterCoverage> clusters = new ConcurrentHashMap<>();
    private final Map<String, PullSecretsSynced> published = new ConcurrentHashMap<>();
    private final Map<String, List<String>> logged = new ConcurrentHashMap<>();

    public FleetCoverage(CoverageTopic topic) {
        this.topic = topic;
    }

    /** Where a sync has got to: shown, not published. */
    public void progress(ClusterCoverage coverage) {
        clusters.put(coverage.cluster(), coverage);
    }

    /** Keeps {@code coverage} as its cluster's latest, and publishes it if it changed. */
    public void synced(ClusterCoverage coverage) {
        List<String> known = logged.getOrDefault(coverage.cluster(), List.of());
        List<String> problems = problems(coverage.synced());
        for (String problem : problems) {
            if (!known.contains(problem)) {
                LOG.warnf("cluster %s: %s", coverage.cluster(), problem);
            }
        }
        logged.put(coverage.cluster(), problems);
        clusters.put(coverage.cluster(), coverage);
        publishIfChanged(coverage.synced());
    }

    /** The cluster could not be synced: its coverage stays as last seen (a rotation's progress too), with why. */
    public void failed(String cluster, String error) {
        ClusterCoverage before = clusters.get(cluster);
        if (before == null || !Objects.equals(before.synced().error(), error)) {
            LOG.warnf("cluster %s: pull secrets not synced: %s", cluster, error);
        }
        ClusterCoverage now = before == null ? ClusterCoverage.unsynced(cluster, error) : before.withError(error);
        clusters.put(cluster, now);
        publishIfChanged(now.synced());
    }

    /** The cluster left the fleet: it is synced no more, so it is no longer shown. */
    public void forget(String cluster) {
        clusters.remove(cluster);
        published.remove(cluster);
        logged.remove(cluster);
    }

    /** Every cluster's latest, by name. */
    public List<ClusterCoverage> clusters() {
        return clusters.values().stream().sorted(Comparator.comparing(ClusterCoverage::cluster)).toList();
    }

    private void publishIfChanged(PullSecretsSynced synced) {
        PullSecretsSynced timeless = new PullSecretsSynced(synced.cluster(), null, synced.pullSecrets(),
                synced.removalErrors(), synced.error());
        if (timeless.equals(published.get(synced.cluster()))) {
            return;
        }
        try {
            topic.publish(synced);
            published.put(synced.cluster(), timeless);
        } catch (RuntimeException e) {
            // Not remembered as published: the next sync's coverage is sent again.
            LOG.warnf("cluster %s: its pull secrets' coverage could not be published: %s", synced.cluster(),
                    e.getMessage());
        }
    }

    private static List<String> problems(PullSecretsSynced synced) {
        return Stream.concat(synced.pullSecrets().stream().map(PullSecretsSynced.Coverage::errors)
                .flatMap(List::stream), synced.removalErrors().stream()).toList();
    }
}
