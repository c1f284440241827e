package io.flotilla.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.flotilla.bench.observer.ObserverFleet;
import io.flotilla.bench.observer.ObserverStack;
import io.flotilla.bench.observer.PageTimes;
import io.flotilla.events.Topic;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.StackException;

/**
 * {@code ./flotilla bench --observer}: the observer holding a large fleet. Fills M simulated clusters with N objects
 * each, starts Kafka and the observer, tells it about R applied releases as the applier would, then measures the
 * observer's resident memory, how long an out-of-band change takes to become a {@code DriftFound} on the drift topic,
 * and how long the dashboard's overview and its release matrix take the observer to make, and how many bytes they
 * send. Prints a {@code BENCH observer} line, then a {@code BENCH observer_page} line per page.
 */
public final class ObserverBenchmark {

    /** Enough requests that the 99th percentile is not simply the slowest one. */
    private static final int PAGE_REQUESTS = 200;
    /**
     * The pages timed: the overview as it opens, the release matrix as a person filters it (the Ready ones: every
     * row, read with the filter in the query), and the API's list of every release as {@code flotilla status} and
     * scripts read it.
     */
    private static final List<Map.Entry<String, String>> PAGES = List.of(Map.entry("overview", "/"),
            Map.entry("matrix", "/?status=Ready"), Map.entry("releases", "/api/releases"));

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

        List<PageTimes> pages = PAGES.stream()
                .map(page -> fleet.pageTimes(stack.observer(), page.getValue(), PAGE_REQUESTS)).toList();

        long[] rss = stack.observerRssMb();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("clusters", clusters);
        line.put("objects_per_cluster", objects);
        line.put("releases", releases);
        line.put("observer_rss_mb", rss[0]);
        line.put("observer_peak_rss_mb", rss[1]);
        line.put("drift_p50_ms", Benchmark.percentile(latencies, 50));
        line.put("drift_p99_ms", Benchmark.percentile(latencies, 99));
        StringBuilder bench = new StringBuilder("BENCH observer");
        line.forEach((name, value) -> bench.append(' ').append(name).append('=').append(value));
        out.println(bench);
        for (int i = 0; i < PAGES.size(); i++) {
            out.println(pageLine(PAGES.get(i).getKey(), pages.get(i), clusters, releases));
        }
        return 0;
    }

    /**
     * One page's line: the observer's time to make it (p50, p99 and the slowest), as the client saw it, and the bytes
     * sent.
     */
    private static String pageLine(String page, PageTimes times, int clusters, int releases) {
        List<Double> server = new ArrayList<>(times.serverMillis());
        List<Long> total = new ArrayList<>(times.totalMillis());
        Collections.sort(server);
        Collections.sort(total);
        return String.format(Locale.ROOT, "BENCH observer_page page=%s path=%s clusters=%d releases=%d requests=%d "
                + "server_p50_ms=%.1f server_p99_ms=%.1f server_max_ms=%.1f total_p50_ms=%d total_p99_ms=%d sent_kb=%d "
                + "html_kb=%d",
                page, times.path(), clusters, releases, server.size(), Benchmark.percentile(server, 50),
                Benchmark.percentile(server, 99), server.get(server.size() - 1), Benchmark.percentile(total, 50),
                Benchmark.percentile(total, 99),
                times.sentBytes() / 1024, times.htmlBytes() / 1024);
    }
}
