package io.flotilla.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.Service;
import io.flotilla.launcher.stack.StackOptions;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.launcher.status.ObserverClient;

/**
 * {@code ./flotilla bench --split}: the same cold sync (N releases on each of M simulated clusters, from the first
 * commit to all Ready) on a whole stack with one instance of the renderer and the applier, then with two of each
 * ({@code ./flotilla up --instances renderer=2,applier=2}). One {@code BENCH split} line per run: the wall-clock
 * seconds, the CPU seconds each renderer and applier instance spent on the sync (from {@code /proc/<pid>/stat}, read
 * before the commit and once all are Ready) and the peak memory of every process.
 */
public final class SplitBenchmark {

    private static final Duration COLD_LIMIT = Duration.ofMinutes(40);
    private static final List<Service> SPLIT = List.of(Service.RENDERER, Service.APPLIER);

    private SplitBenchmark() {
    }

    public static int run(Path home, Arguments arguments, PrintStream out) {
        int releases = arguments.intValue("releases", 200);
        int clusterCount = arguments.intValue("clusters", 2);
        if (releases < 1 || clusterCount < 1) {
            throw new UsageException("--releases and --clusters take numbers from 1");
        }
        for (int instances = 1; instances <= 2; instances++) {
            out.println(coldSync(home, releases, clusterCount, instances, out));
        }
        return 0;
    }

    private static String coldSync(Path home, int releases, int clusterCount, int instances, PrintStream out) {
        Path stateDir = home.resolve(".flotilla").resolve("bench-split");
        LocalStack.down(stateDir, out);
        Map<String, Map<String, String>> clusters = FleetFixture.clusters("split-%d", clusterCount);
        FleetFixture fleet = FleetFixture.freshIn(home, stateDir);
        StackOptions options = fleet.stack(home, stateDir, clusters, "flotilla_bench_split")
                .with(EnumSet.of(Service.OBSERVER, Service.GIT_WATCHER, Service.RENDERER, Service.APPLIER));
        for (Service service : SPLIT) {
            options = options.withInstances(service, instances);
        }
        StackState state = LocalStack.up(options, out);
        try {
            for (int i = 0; i < releases; i++) {
                fleet.writeRelease(i, "revision 0");
            }
            String sha = fleet.commit(releases + " releases");
            Map<String, ProcessCpu> measured = new LinkedHashMap<>();
            state.members().stream().filter(member -> SPLIT.stream().anyMatch(service ->
                    member.name().equals(service.module()) || member.name().startsWith(service.module() + "-")))
                    .forEach(member -> measured.put(member.name(), new ProcessCpu(member.pid())));
            Map<String, Double> cpuBefore = new LinkedHashMap<>();
            measured.forEach((name, cpu) -> cpuBefore.put(name, cpu.seconds()));
            long start = System.nanoTime();
            new ServiceHttp(new Endpoint(state.gitWatcherUrl(), state.apiToken())).post("/hooks/generic", new byte[0],
                    state.webhookHeaders(), 202);
            int expected = releases * clusterCount;
            ObserverClient observer = new ObserverClient(new Endpoint(state.observerUrl(), state.apiToken()));
            Waiting.until(observer::releases, rows -> rows.stream().filter(r -> sha.equals(r.sourceSha())
                    && "Ready".equals(r.status())).count() >= expected, COLD_LIMIT, Duration.ofMillis(250),
                    "all " + expected + " releases Ready at " + sha);
            double seconds = (System.nanoTime() - start) / 1e9;
            String cpu = measured.entrySet().stream().map(entry -> String.format("cpu_s_%s=%.1f",
                    entry.getKey().replace('-', '_'), entry.getValue().seconds() - cpuBefore.get(entry.getKey())))
                    .collect(Collectors.joining(" "));
            String memory = PeakMemory.perMember(state).entrySet().stream()
                    .map(peak -> "rss_mb_" + peak.getKey().replace('-', '_') + "=" + peak.getValue())
                    .collect(Collectors.joining(" "));
            return String.format("BENCH split renderer_instances=%d applier_instances=%d releases=%d clusters=%d "
                    + "cold_sync_s=%.1f %s %s", instances, instances, releases, clusterCount, seconds, cpu, memory);
        } finally {
            LocalStack.down(stateDir, out);
        }
    }
}
