package io.flotilla.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.Service;
import io.flotilla.launcher.stack.StackOptions;
import io.flotilla.launcher.stack.StackState;

/**
 * {@code ./flotilla bench --security}: what authentication and the sealing of Secret data cost on the
 * commit-to-applied path, in one run: the same fleet (every release's chart renders a Secret) on two stacks one after
 * the other, first as Flotilla runs (API tokens checked by every service, Secret data sealed by the renderer and
 * opened by the applier), then with {@code flotilla.auth.enabled=false} in every service and
 * {@code flotilla.renderer.seal-secrets=false} (both warn in the services' logs). Each: the cold sync, then
 * single-release commits timed from the commit to the applier's finish on every cluster. Webhook deliveries are
 * signed in both. Prints a {@code BENCH security=on|off} line per stack.
 */
final class SecurityBenchmark {

    private SecurityBenchmark() {
    }

    static int run(Path home, Arguments arguments, PrintStream out) {
        int releases = arguments.intValue("releases", 100);
        int clusterCount = arguments.intValue("clusters", 2);
        int commits = arguments.intValue("commits", 20);
        if (releases < 1 || clusterCount < 1 || commits < 1) {
            throw new UsageException("--releases, --clusters and --commits take numbers from 1");
        }
        List<String> lines = new ArrayList<>();
        for (boolean secured : List.of(true, false)) {
            lines.add(measure(home, secured, releases, clusterCount, commits, out));
        }
        lines.forEach(out::println);
        return 0;
    }

    private static String measure(Path home, boolean secured, int releases, int clusterCount, int commits,
            PrintStream out) {
        Path stateDir = home.resolve(".flotilla").resolve("bench");
        LocalStack.down(stateDir, out);
        Map<String, Map<String, String>> clusters = FleetFixture.clusters("bench-%d", clusterCount);
        FleetFixture fleet = FleetFixture.freshIn(home, stateDir);
        fleet.addSecretToTheChart();
        fleet.commit("A Secret in the chart");
        StackOptions options = fleet.stack(home, stateDir, clusters, "flotilla_bench");
        if (!secured) {
            for (Service service : Service.values()) {
                options = options.withProperties(service, service == Service.RENDERER
                        ? Map.of("flotilla.auth.enabled", "false", "flotilla.renderer.seal-secrets", "false")
                        : Map.of("flotilla.auth.enabled", "false"));
            }
        }
        out.printf("security %s: %d releases with a Secret each on %d clusters%n", secured ? "on" : "off", releases,
                clusterCount);
        StackState state = LocalStack.up(options, out);
        try {
            Benchmark benchmark = new Benchmark(state, secured ? state.apiToken() : null,
                    List.copyOf(clusters.keySet()), out);
            double coldSync = benchmark.coldSync(fleet, releases);
            List<Long> latencies = benchmark.singleReleaseCommits(fleet, releases, commits);
            Collections.sort(latencies);
            return String.format("BENCH security=%s releases=%d clusters=%d cold_sync_s=%.1f"
                    + " commit_to_applied_p50_ms=%d p99_ms=%d", secured ? "on" : "off", releases, clusterCount,
                    coldSync, Benchmark.percentile(latencies, 50), Benchmark.percentile(latencies, 99));
        } finally {
            LocalStack.down(stateDir, out);
        }
    }
}
