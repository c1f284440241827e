package io.flotilla.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.StackOptions;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.launcher.status.ObserverClient;
import io.flotilla.launcher.status.ReleaseRow;

/**
 * {@code ./flotilla bench --fleet}: the fleet's own numbers, on a whole stack of simulated clusters whose repository
 * sends every release to every cluster. Three lines:
 * <ul>
 * <li>{@code fleet_cold}: N clusters x M releases from the first commit to all Ready (render and apply), and the peak
 * memory of each process;</li>
 * <li>{@code cluster_join}: one more cluster registered through the API while the stack runs, from its registration
 * to all M releases Ready on it, without a commit;</li>
 * <li>{@code one_value_change}: one value of one release changed, from the commit to that release applied on every
 * cluster.</li>
 * </ul>
 */
public final class FleetBenchmark {

    private static final Duration COLD_LIMIT = Duration.ofMinutes(40);
    private static final Duration JOIN_LIMIT = Duration.ofMinutes(10);
    private static final String JOINER = "joiner";
    private static final String SPARE = "spare-1";

    private final StackState state;
    private final ObserverClient observer;
    private final ServiceHttp gitWatcher;
    private final Map<String, String> webhookHeaders;
    private final PrintStream out;

    private FleetBenchmark(StackState state, PrintStream out) {
        this.state = state;
        this.observer = new ObserverClient(new Endpoint(state.observerUrl(), state.apiToken()));
        this.gitWatcher = new ServiceHttp(new Endpoint(state.gitWatcherUrl(), state.apiToken()));
        this.webhookHeaders = state.webhookHeaders();
        this.out = out;
    }

    public static int run(Path home, Arguments arguments, PrintStream out) {
        int clusterCount = arguments.intValue("clusters", 50);
        int releases = arguments.intValue("releases", 200);
        if (clusterCount < 1 || releases < 1) {
            throw new UsageException("--clusters and --releases take numbers from 1");
        }
        Path stateDir = home.resolve(".flotilla").resolve("bench-fleet");
        LocalStack.down(stateDir, out);
        Map<String, Map<String, String>> clusters = FleetFixture.clusters("fleet-%02d", clusterCount);
        FleetFixture fleet = FleetFixture.freshIn(home, stateDir);
        StackOptions options = fleet.stack(home, stateDir, clusters, "flotilla_bench_fleet").withSpareClusters(1);
        StackState state = LocalStack.up(options, out);
        try {
            FleetBenchmark benchmark = new FleetBenchmark(state, out);
            double cold = benchmark.coldSync(fleet, releases, clusterCount);
            String memory = PeakMemory.perMember(state).entrySet().stream()
                    .map(peak -> "rss_mb_" + peak.getKey().replace('-', '_') + "=" + peak.getValue())
                    .collect(Collectors.joining(" "));
            double join = benchmark.join(releases);
            double change = benchmark.oneValueChange(fleet, clusterCount + 1);
            out.printf("BENCH fleet_cold clusters=%d releases=%d cold_sync_s=%.1f %s%n", clusterCount, releases, cold,
                    memory);
            out.printf("BENCH cluster_join releases=%d registration_to_all_ready_s=%.1f%n", releases, join);
            out.printf("BENCH one_value_change clusters=%d commit_to_all_applied_s=%.2f%n", clusterCount + 1, change);
            return 0;
        } finally {
            LocalStack.down(stateDir, out);
        }
    }

    private double coldSync(FleetFixture fleet, int releases, int clusters) {
        for (int i = 0; i < releases; i++) {
            fleet.writeRelease(i, "revision 0");
        }
        String sha = fleet.commit(releases + " releases");
        long start = System.nanoTime();
        triggerFetch();
        int expected = releases * clusters;
        awaitReleases(rows -> rows.stream().filter(r -> sha.equals(r.sourceSha()) && "Ready".equals(r.status()))
                .count() >= expected, COLD_LIMIT, "all " + expected + " releases Ready at " + sha);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("cold sync: %d releases x %d clusters Ready in %.1f s%n", releases, clusters, seconds);
        return seconds;
    }

    /** Registers the spare simulated cluster as {@value #JOINER}, as {@code flotilla cluster add} does. */
    private double join(int releases) {
        String kubeconfig = KubeconfigClusters.registration(state.spareKubeconfig(), SPARE, JOINER,
                Map.of("env", "bench"), "api", Instant.now()).kubeconfig();
        long start = System.nanoTime();
        new ServiceHttp(new Endpoint(state.observerUrl(), state.apiToken())).post("/api/clusters",
                ServiceHttp.json(Map.of("name", JOINER, "kubeconfig", kubeconfig, "labels", Map.of("env", "bench"))),
                Map.of(), 201);
        awaitReleases(rows -> rows.stream().filter(r -> JOINER.equals(r.cluster()) && "Ready".equals(r.status()))
                .count() >= releases, JOIN_LIMIT, "all " + releases + " releases Ready on " + JOINER);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("cluster join: %d releases Ready on %s %.1f s after its registration%n", releases, JOINER, seconds);
        return seconds;
    }

    private double oneValueChange(FleetFixture fleet, int clusters) {
        fleet.writeRelease(0, "one value changed");
        String sha = fleet.commit("Change " + FleetFixture.releaseName(0));
        long start = System.nanoTime();
        triggerFetch();
        String name = FleetFixture.releaseName(0);
        awaitReleases(rows -> rows.stream().filter(r -> r.name().equals(name) && sha.equals(r.sourceSha()))
                .count() >= clusters, JOIN_LIMIT, name + " at " + sha + " on " + clusters + " clusters");
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("one value change: %s applied on %d clusters %.2f s after the push%n", name, clusters, seconds);
        return seconds;
    }

    /** What a Git host's webhook does after a push. */
    private void triggerFetch() {
        gitWatcher.post("/hooks/generic", new byte[0], webhookHeaders, 202);
    }

    private void awaitReleases(Predicate<List<ReleaseRow>> done, Duration limit, String what) {
        Waiting.until(observer::releases, done, limit, Duration.ofMillis(250), what);
    }
}
