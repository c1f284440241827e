package io.flotilla.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.StackOptions;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.launcher.status.ObserverClient;
import io.flotilla.launcher.status.ReleaseRow;

/**
 * {@code ./flotilla bench}: starts a whole stack on simulated clusters, commits N releases and times
 * the cold sync until all are Ready everywhere, then times single-release commits from the commit to
 * the moment the applier finished on every cluster. Prints one {@code BENCH} line last.
 */
public final class Benchmark {

    private static final Duration COLD_SYNC_LIMIT = Duration.ofMinutes(30);
    private static final Duration COMMIT_LIMIT = Duration.ofMinutes(2);

    private final ObserverClient observer;
    private final ServiceHttp gitWatcher;
    private final Map<String, String> webhookHeaders;
    private final List<String> clusters;
    private final PrintStream out;

    private Benchmark(StackState state, List<String> clusters, PrintStream out) {
        this(state, state.apiToken(), clusters, out);
    }

    /** @param token the bearer token the observer's API is called with; null when authentication is off */
    Benchmark(StackState state, String token, List<String> clusters, PrintStream out) {
        this.observer = new ObserverClient(new Endpoint(state.observerUrl(), token));
        this.gitWatcher = new ServiceHttp(new Endpoint(state.gitWatcherUrl(), token));
        this.webhookHeaders = state.webhookHeaders();
        this.clusters = clusters;
        this.out = out;
    }

    public static int run(Path home, Arguments arguments, PrintStream out) {
        int releases = arguments.intValue("releases", 100);
        int clusterCount = arguments.intValue("clusters", 2);
        int commits = arguments.intValue("commits", 20);
        if (releases < 1 || clusterCount < 1 || commits < 1) {
            throw new UsageException("--releases, --clusters and --commits take numbers from 1");
        }
        Path stateDir = home.resolve(".flotilla").resolve("bench");
        LocalStack.down(stateDir, out);
        Map<String, Map<String, String>> clusters = FleetFixture.clusters("bench-%d", clusterCount);
        FleetFixture fleet = FleetFixture.freshIn(home, stateDir);
        StackOptions options = fleet.stack(home, stateDir, clusters, "flotilla_bench");
        StackState state = LocalStack.up(options, out);
        try {
            Benchmark benchmark = new Benchmark(state, List.copyOf(clusters.keySet()), out);
            double coldSync = benchmark.coldSync(fleet, releases);
            List<Long> latencies = benchmark.singleReleaseCommits(fleet, releases, commits);
            List<Long> chartChanges = benchmark.sharedChartCommits(fleet, commits);
            Map<String, Long> peaks = PeakMemory.perMember(state);
            long peakRss = peaks.values().stream().mapToLong(Long::longValue).sum();
            Collections.sort(latencies);
            out.printf("BENCH releases=%d clusters=%d cold_sync_s=%.1f commit_to_applied_p50_ms=%d p99_ms=%d peak_rss_mb=%d%n",
                    releases, clusterCount, coldSync, percentile(latencies, 50), percentile(latencies, 99), peakRss);
            Collections.sort(chartChanges);
            out.printf("BENCH chart_change releases_of_the_chart=1 clusters=%d push_to_applied_p50_ms=%d p99_ms=%d%n",
                    clusterCount, percentile(chartChanges, 50), percentile(chartChanges, 99));
            peaks.forEach((process, megabytes) -> out.printf("BENCH releases=%d clusters=%d process=%s peak_rss_mb=%d%n",
                    releases, clusterCount, process, megabytes));
            return 0;
        } finally {
            LocalStack.down(stateDir, out);
        }
    }

    double coldSync(FleetFixture fleet, int releases) {
        for (int i = 0; i < releases; i++) {
            fleet.writeRelease(i, "revision 0");
        }
        String sha = fleet.commit(releases + " releases");
        long start = System.nanoTime();
        triggerFetch();
        int expected = releases * clusters.size();
        awaitReleases(rows -> rows.stream().filter(r -> sha.equals(r.sourceSha()) && "Ready".equals(r.status()))
                .count() >= expected, COLD_SYNC_LIMIT, "all " + expected + " releases Ready at " + sha);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("cold sync: %d releases x %d clusters Ready in %.1f s%n", releases, clusters.size(), seconds);
        return seconds;
    }

    List<Long> singleReleaseCommits(FleetFixture fleet, int releases, int commits) {
        List<Long> latencies = new ArrayList<>();
        for (int k = 1; k <= commits; k++) {
            int index = (k * 7919) % releases;
            fleet.writeRelease(index, "revision " + k);
            String sha = fleet.commit("Change " + FleetFixture.releaseName(index));
            Instant committed = Instant.now();
            triggerFetch();
            String name = FleetFixture.releaseName(index);
            List<ReleaseRow> rows = awaitReleases(all -> clusters.stream().allMatch(cluster -> all.stream().anyMatch(
                    r -> r.cluster().equals(cluster) && r.name().equals(name) && sha.equals(r.sourceSha()))),
                    COMMIT_LIMIT, name + " at " + sha + " on every cluster");
            Instant applied = rows.stream().filter(r -> r.name().equals(name) && sha.equals(r.sourceSha()))
                    .map(ReleaseRow::appliedAt).max(Instant::compareTo).orElseThrow();
            latencies.add(Math.max(0, Duration.between(committed, applied).toMillis()));
        }
        out.printf("single-release commits: %d, commit-to-applied %s ms%n", commits, latencies);
        return latencies;
    }

    /**
     * Commits that change only a chart, whose one release runs on every cluster: from the push (the webhook) to its
     * new revision applied on the last cluster, each in milliseconds. The first commit, which adds the chart and the
     * release, is not measured.
     */
    private List<Long> sharedChartCommits(FleetFixture fleet, int commits) {
        List<Long> latencies = new ArrayList<>();
        for (int k = 0; k <= commits; k++) {
            fleet.writeSharedChart("revision " + k);
            String sha = fleet.commit(k == 0 ? "Add the shared chart and its release" : "Change the shared chart");
            Instant pushed = Instant.now();
            triggerFetch();
            List<ReleaseRow> rows = awaitReleases(all -> clusters.stream().allMatch(cluster -> all.stream().anyMatch(
                    r -> r.cluster().equals(cluster) && r.name().endsWith(FleetFixture.SHARED_RELEASE)
                            && sha.equals(r.sourceSha()) && "Ready".equals(r.status()))),
                    COMMIT_LIMIT, "the shared chart's release at " + sha + " on every cluster");
            Instant applied = rows.stream().filter(r -> r.name().endsWith(FleetFixture.SHARED_RELEASE)
                    && sha.equals(r.sourceSha())).map(ReleaseRow::appliedAt).max(Instant::compareTo).orElseThrow();
            if (k > 0) {
                latencies.add(Math.max(0, Duration.between(pushed, applied).toMillis()));
            }
        }
        out.printf("chart-only commits: %d, push-to-applied on %d clusters %s ms%n", commits, clusters.size(),
                latencies);
        return latencies;
    }

    /** What a Git host's webhook does after a push. */
    private void triggerFetch() {
        gitWatcher.post("/hooks/generic", new byte[0], webhookHeaders, 202);
    }

    private List<ReleaseRow> awaitReleases(Predicate<List<ReleaseRow>> done, Duration limit, String what) {
        return Waiting.until(observer::releases, done, limit, Duration.ofMillis(100), what);
    }

    static <T extends Comparable<? super T>> T percentile(List<T> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
