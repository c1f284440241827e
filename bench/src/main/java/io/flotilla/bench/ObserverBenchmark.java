package io.flotilla.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flotilla.bench.observer.ObserverFleet;
import io.flotilla.bench.observer.ObserverStack;
import io.flotilla.events.Topic;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.StackException;

/**
 * {@code ./flotilla bench --observer}: the observer holding a large fleet. Fills M simulated clusters with N objects
 * each, starts Kafka and the observer, tells it about R applied releases as the applier would, then measures the
 * observer's resident memory, how long an out-of-band change takes to become a {@code DriftFound} on the drift topic,
 * and how long the dashboard page takes. Prints one {@code BENCH} line last.
 */
public final class ObserverBenchmark {

    private static final int PAGE_REQUESTS = 30;

    private ObserverBenchmark() {
    }

    public static int run(Path home, Arguments arguments, PrintStream out) {
        int clusters = arguments.intValue("clusters", 50);
        int objects = arguments.intValue("objects", 2000);
        int releases = arguments.intValue("releases", 1000);
        int drifts = arguments.intValue("drifts", 100);
        if (clusters < 1 || releases < clusters || drifts < 1 || objects < 3 * releases / clusters + 2) {
            throw new UsageException("--clusters, --releases (at least one per cluster), --drifts take numbers from 1; "
                    + "--objects must hold each cluster's releases (3 objects each)");
        }
        // The benchmark's own Kafka clients say only what went wrong, so its lines stay readable.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        Path stateDir = home.resolve(".flotilla").resolve("bench-observer");
        LocalStack.down(stateDir, out);
        try (ObserverFleet fleet = ObserverFleet.start(clusters, releases, stateDir.resolve("kubeconfig"))) {
            long fillStart = System.nanoTime();
            int written = fleet.fill(objects);
            out.printf("filled %d clusters with %d objects (%d releases) in %.1f s%n", clusters, written, releases,
                    (System.nanoTime() - fillStart) / 1e9);
            try (ObserverStack stack = ObserverStack.start(home, stateDir, fleet.kubeconfig(), LocalStack.SERVICE_JVM, out)) {
                return measure(fleet, stack, clusters, objects, releases, drifts, out);
            }
        } catch (IOException e) {
            throw new StackException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private static int measure(ObserverFleet fleet, ObserverStack stack, int clusters, int objects, int releases,
            int drifts, PrintStream out) {
        long feedStart = System.nanoTime();
        fleet.announce(stack.bootstrap(), Topic.DEFAULT_PREFIX, stack.observer());
        out.printf("observer shows all %d releases %.1f s after they were sent%n", releases,
                (System.nanoTime() - feedStart) / 1e9);

        List<Long> latencies = new ArrayList<>(fleet.driftLatencies(stack.bootstrap(), Topic.DEFAULT_PREFIX, drifts));
        Collections.sort(latencies);
        out.printf("drift detection, %d out-of-band changes: %s ms%n", latencies.size(), latencies);

        List<Long> pages = new ArrayList<>(fleet.pageTimes(stack.observer(), PAGE_REQUESTS));
        int pageKb = fleet.pageBytes() / 1024;
        Collections.sort(pages);
        out.printf("dashboard page (%d KB), %d requests: %s ms%n", pageKb, pages.size(), pages);

        long[] rss = stack.observerRssMb();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("clusters", clusters);
        line.put("objects_per_cluster", objects);
        line.put("releases", releases);
        line.put("observer_rss_mb", rss[0]);
        line.put("observer_peak_rss_mb", rss[1]);
        line.put("drift_p50_ms", Benchmark.percentile(latencies, 50));
        line.put("drift_p99_ms", Benchmark.percentile(latencies, 99));
        line.put("dashboard_p50_ms", Benchmark.percentile(pages, 50));
        line.put("dashboard_p99_ms", Benchmark.percentile(pages, 99));
        line.put("dashboard_kb", pageKb);
        StringBuilder bench = new StringBuilder("BENCH observer");
        line.forEach((name, value) -> bench.append(' ').append(name).append('=').append(value));
        out.println(bench);
        return 0;
    }
}
