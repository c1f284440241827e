package io.flotilla.bench.observer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.flotilla.bench.Waiting;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.embedded.clusters.SimulatedFleet;
import io.flotilla.events.ReleaseKey;
import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.stack.StackException;
import io.flotilla.launcher.status.ObserverClient;
import io.flotilla.testing.kafka.FlotillaTopics;

/**
 * The benchmark's fleet: simulated clusters in this process, the releases each runs (the same release names on
 * several clusters, as a fleet has them), and the measurements made against the observer that watches them.
 */
public final class ObserverFleet implements AutoCloseable {

    /** How many clusters run each release name, so the matrix has fewer rows than releases, as a fleet's does. */
    static final int CLUSTERS_PER_NAME = 10;
    private static final long ANNOUNCE_LIMIT_MS = 300_000;
    private static final int PAGE_WARM_UP = 5;

    private final SimulatedFleet fleet;
    private final Map<String, List<BenchRelease>> releases;
    private final Path kubeconfig;
    private ObserverFleet(SimulatedFleet fleet, Map<String, List<BenchRelease>> releases, Path kubeconfig) {
        this.fleet = fleet;
        this.releases = releases;
        this.kubeconfig = kubeconfig;
    }

    /** Starts {@code clusterCount} clusters and spreads {@code releaseCount} releases over them. */
    public static ObserverFleet start(int clusterCount, int releaseCount, Path kubeconfig) {
        Map<String, Map<String, String>> names = new LinkedHashMap<>();
        for (int c = 0; c < clusterCount; c++) {
            names.put(String.format("bench-%02d", c), Map.of("env", "bench"));
        }
        int perCluster = (releaseCount + clusterCount - 1) / clusterCount;
        int distinct = Math.max(releaseCount / CLUSTERS_PER_NAME, perCluster);
        Map<String, List<BenchRelease>> releases = new LinkedHashMap<>();
        int c = 0;
        for (String cluster : names.keySet()) {
            int count = releaseCount / clusterCount + (c < releaseCount % clusterCount ? 1 : 0);
            for (int slot = 0; slot < count; slot++) {
                String name = String.format("app-%04d", (c * perCluster + slot) % distinct);
                releases.computeIfAbsent(cluster, own -> new ArrayList<>())
                        .add(new BenchRelease(new ReleaseKey(cluster, BenchRelease.NAMESPACE, name)));
            }
            c++;
        }
        SimulatedFleet fleet = SimulatedFleet.start(names);
        return new ObserverFleet(fleet, releases, fleet.writeKubeconfig(kubeconfig));
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Fills every cluster to {@code objects} objects, a few clusters at a time; returns how many were written. */
    public int fill(int objects) {
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> filled = new ArrayList<>();
            for (SimulatedCluster cluster : fleet.clusters()) {
                filled.add(workers.submit(() -> ClusterContent.fill(cluster.client(), own(cluster), objects)));
            }
            int written = 0;
            for (Future<Integer> one : filled) {
                written += one.get();
            }
            return written;
        } catch (Exception e) {
            throw new StackException("filling the simulated clusters failed: " + e.getMessage(), e);
        } finally {
            workers.shutdownNow();
        }
    }

    /** Sends every release's events and waits until the observer lists them all. */
    public void announce(String bootstrap, String prefix, Endpoint observer) {
        List<BenchRelease> all = releases.values().stream().flatMap(List::stream).toList();
        try (FlotillaTopics topics = new FlotillaTopics(bootstrap, prefix)) {
            ReleaseFeed.send(topics, all);
        }
        ObserverClient api = new ObserverClient(observer);
        Waiting.until(() -> api.releases().size(), shown -> shown >= all.size(),
                Duration.ofMillis(ANNOUNCE_LIMIT_MS), Duration.ofMillis(250),
                "the observer to show all " + all.size() + " releases");
    }

    /**
     * Times {@code samples} drifts, each on a release of its own, cluster after cluster. First one change per cluster,
     * not counted, shows that the observer follows the cluster's releases (its watches have listed every object).
     */
    public List<Long> driftLatencies(String bootstrap, String prefix, int samples) {
        List<Long> latencies = new ArrayList<>();
        AtomicInteger attempt = new AtomicInteger();
        try (FlotillaTopics topics = new FlotillaTopics(bootstrap, prefix); DriftProbe probe = new DriftProbe(topics)) {
            for (SimulatedCluster cluster : fleet.clusters()) {
                probe.time(cluster.client(), own(cluster).get(0), attempt.incrementAndGet());
            }
            List<SimulatedCluster> clusters = fleet.clusters();
            for (int i = 0; i < samples; i++) {
                SimulatedCluster cluster = clusters.get(i % clusters.size());
                List<BenchRelease> own = own(cluster);
                int slot = 1 + i / clusters.size();
                if (slot >= own.size()) {
                    break;
                }
                latencies.add(probe.time(cluster.client(), own.get(slot), attempt.incrementAndGet()));
            }
        }
        return latencies;
    }

    /** Times the dashboard page {@code times} times, after a few requests that warm the observer up. */
    /** {@code times} requests of the dashboard page at {@code path}, after a few that warm the observer up. */
    public PageTimes pageTimes(Endpoint observer, String path, int times) {
        PageTimer timer = new PageTimer(observer);
        timer.time(path, PAGE_WARM_UP);
        return timer.time(path, times);
    }

    private List<BenchRelease> own(SimulatedCluster cluster) {
        return releases.getOrDefault(cluster.name(), List.of());
    }

    @Override
    public void close() {
        fleet.close();
    }
}
