package io.flotilla.bench.render;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.marcnuri.helm.Helm;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.OperatingSystemMXBean;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.renderer.cluster.ClusterCapabilities;
import io.flotilla.renderer.render.CommitRenderer;

/**
 * Render throughput: a commit of N releases of an application chart (Deployment, Service, HPA, Ingress,
 * ServiceAccount, ConfigMap) through the renderer, against helm-java's template called in a plain loop on the
 * same chart and values, in the same run and after the same warm-up ({@link #warmUp}), each side measured three
 * times in turn and its best time kept (a new renderer each time, so that every release is new to it; the later ones start
 * from the first one's clone of the repository, as a restarted renderer does); then a commit that changes one
 * release and one that changes none. {@code ./flotilla bench --render-only [--releases N]} runs {@link #main} in a JVM of
 * its own on the packaged renderer's class path.
 */
public final class RenderThroughput {

    private static final ClusterRef CLUSTER = new ClusterRef("bench", Map.of("env", "bench"));
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Releases rendered each way in a round of the warm-up. */
    private static final int WARM_UP_ROUND_RELEASES = 250;
    /** Each side is measured this many times, in turn; the best time of each counts. */
    private static final int TRIALS = 3;

    /**
     * What one run measured. The CPU times are the whole process's during each side's best trial: all its threads,
     * Helm's Go runtime and the JIT compiler included, so they show what Flotilla's side costs beyond Helm's
     * however busy the machine is.
     */
    public record Result(int releases, int rendered, int renderThreads, WarmUp warmUp, Trial flotilla, Trial helm,
            int renderedAfterOneChange, int renderedAfterNoChange, long noChangeMillis) {

        public double ratio() {
            return helm.millis() == 0 ? 0 : (double) flotilla.millis() / helm.millis();
        }

        public void print(PrintStream out) {
            out.printf("BENCH render-only releases=%d flotilla_ms=%d flotilla_releases_per_s=%.1f plain_loop_ms=%d"
                    + " plain_loop_releases_per_s=%.1f ratio=%.2f target_ratio=1.2 render_threads=%s best_of=%d%n",
                    rendered, flotilla.millis(), perSecond(rendered, flotilla.millis()), helm.millis(),
                    perSecond(releases, helm.millis()), ratio(),
                    renderThreads == 0 ? "default" : String.valueOf(renderThreads), TRIALS);
            out.printf("BENCH render-only flotilla_cpu_ms=%d plain_loop_cpu_ms=%d cpu_ratio=%.2f flotilla_jit_ms=%d"
                    + " plain_loop_jit_ms=%d%n", flotilla.cpuMillis(), helm.cpuMillis(),
                    helm.cpuMillis() == 0 ? 0 : (double) flotilla.cpuMillis() / helm.cpuMillis(), flotilla.jitMillis(),
                    helm.jitMillis());
            out.printf("BENCH render-only warm_up_rounds=%d warm_up_releases_each_way=%d warm_up_jit_ms=%d%n",
                    warmUp.rounds(), warmUp.releasesEachWay(), warmUp.jitMillis());
            out.printf("BENCH render-only one_change_rendered=%d no_op_rendered=%d no_op_ms=%d%n",
                    renderedAfterOneChange, renderedAfterNoChange, noChangeMillis);
        }

        private static double perSecond(int count, long millis) {
            return count * 1000.0 / Math.max(1, millis);
        }
    }

    /**
     * One side's trial: wall-clock and process CPU time, and how long the JIT compiler worked meanwhile (on the other
     * core, mostly: what a trial pays for code the warm-up did not make hot enough).
     */
    public record Trial(long millis, long cpuMillis, long jitMillis) {

        static final Trial NONE = new Trial(Long.MAX_VALUE, 0, 0);

        Trial best(Trial other) {
            return other.millis < millis ? other : this;
        }
    }

    /**
     * The warm-up: how many rounds it took, how many releases each side rendered in all, and how long the JIT
     * compiler worked meanwhile.
     */
    public record WarmUp(int rounds, int releasesEachWay, long jitMillis) {
    }

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private RenderThroughput() {
    }

    /**
     * {@code [releases [render-threads]]}, 1000 releases and the renderer's default threads (0) unless given; prints
     * the {@code BENCH} lines.
     */
    public static void main(String[] args) throws IOException {
        int releases = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int renderThreads = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Path work = Files.createTempDirectory("flotilla-render-bench");
        run(work, releases, renderThreads, helmCallsToCompile()).print(System.out);
        System.exit(0);
    }

    /**
     * @param renderThreads Helm renders at once in the renderer; 0 for its default
     * @param warmUpCalls   the fewest Helm calls the warm-up makes, both sides together
     */
    public static Result run(Path work, int releases, int renderThreads, int warmUpCalls) throws IOException {
        Path plainChart = work.resolve("plain-loop-chart");
        BenchFleet.copyChart(plainChart);
        WarmUp warmUp = warmUp(work.resolve("warm-up"), plainChart, Math.min(releases, WARM_UP_ROUND_RELEASES),
                renderThreads, warmUpCalls);
        try (BenchFleet fleet = BenchFleet.in(work.resolve("fleet"))) {
            List<Map<String, Object>> values = declare(fleet, releases);
            CommitDetected all = fleet.commit("releases");
            Trial helm = Trial.NONE;
            Trial flotilla = Trial.NONE;
            int rendered = 0;
            CommitRenderer renderer = null;
            try {
                // Turn about, best of each: other work on the machine weighs on both sides alike.
                for (int trial = 1; trial <= TRIALS; trial++) {
                    helm = helm.best(plainLoop(work.resolve("plain-loop"), plainChart, values));
                    if (renderer != null) {
                        renderer.close();
                    }
                    renderer = newRenderer(work.resolve("renderer"), renderThreads);
                    Measured measured = Measured.start();
                    rendered = count(renderer.render(all));
                    flotilla = flotilla.best(measured.end());
                }
                fleet.write("common/app-0.yaml", helmRelease(fleet, 0, values(0, "2.0.0")));
                int afterOneChange = count(renderer.render(fleet.commit("one release changes")));
                fleet.write("README.md", "the fleet\n");
                CommitDetected noChange = fleet.commit("nothing a release uses");
                long start = System.nanoTime();
                int afterNoChange = count(renderer.render(noChange));
                long noChangeMillis = (System.nanoTime() - start) / 1_000_000;
                return new Result(releases, rendered, renderThreads, warmUp, flotilla, helm, afterOneChange,
                        afterNoChange, noChangeMillis);
            } finally {
                if (renderer != null) {
                    renderer.close();
                }
            }
        }
    }

    private static CommitRenderer newRenderer(Path work, int renderThreads) {
        return new CommitRenderer(work, () -> List.of(CLUSTER), CommitRenderer.DEFAULT_MAX_PAYLOAD_BYTES,
                new ClusterCapabilities(), renderThreads, CommitRenderer.DEFAULT_CHART_CACHE_MAX_BYTES);
    }

    /**
     * Both sides in rounds on a smaller fleet (a new renderer each round, so that it renders every release), until they
     * have made at least {@code calls} Helm calls together. Both go through the same helm-java code for each call; a
     * warm-up too short for the JIT's last tier to compile it (a few thousand calls) leaves that compilation, about a
     * quarter of a second of the other core, to whichever side's trial reaches the count.
     */
    private static WarmUp warmUp(Path work, Path plainChart, int releases, int renderThreads, int calls)
            throws IOException {
        try (BenchFleet fleet = BenchFleet.in(work.resolve("fleet"))) {
            List<Map<String, Object>> values = declare(fleet, releases);
            CommitDetected commit = fleet.commit("warm-up");
            long compiled = JIT.getTotalCompilationTime();
            int rounds = 0;
            do {
                rounds++;
                try (CommitRenderer renderer = newRenderer(work.resolve("renderer"), renderThreads)) {
                    count(renderer.render(commit));
                }
                plainLoop(work.resolve("plain-loop"), plainChart, values);
            } while (2L * rounds * releases < calls);
            return new WarmUp(rounds, rounds * releases, JIT.getTotalCompilationTime() - compiled);
        }
    }

    /** How many calls make a method hot enough for the JIT's last tier: the JVM's own threshold. */
    private static int helmCallsToCompile() {
        return Integer.parseInt(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("Tier4InvocationThreshold").getValue());
    }

    /** The chart and one HelmRelease per release, each with its own values; the values, in order. */
    private static List<Map<String, Object>> declare(BenchFleet fleet, int releases) {
        BenchFleet.copyChart(fleet.dir().resolve("charts/webapp"));
        List<Map<String, Object>> values = new ArrayList<>();
        for (int i = 0; i < releases; i++) {
            Map<String, Object> release = values(i, "1.0." + i);
            values.add(release);
            fleet.write("common/app-" + i + ".yaml", helmRelease(fleet, i, release));
        }
        return values;
    }

    /** helm-java's template on the same chart and values, one after the other, the way a plain loop would. */
    private static Trial plainLoop(Path dir, Path chart, List<Map<String, Object>> values) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Path file = dir.resolve("values-" + i + ".json");
            JSON.writeValue(file.toFile(), values.get(i));
            files.add(file);
        }
        Measured measured = Measured.start();
        for (int i = 0; i < values.size(); i++) {
            new Helm(chart).template().withName("apps-app-" + i).withNamespace("apps").withValuesFile(files.get(i))
                    .call();
        }
        return measured.end();
    }

    /** A trial under way: when it started, on the wall clock and in the process's CPU time. */
    private record Measured(long startNanos, long startCpuNanos, long startJitMillis) {

        static Measured start() {
            return new Measured(System.nanoTime(), OS.getProcessCpuTime(), JIT.getTotalCompilationTime());
        }

        Trial end() {
            return new Trial((System.nanoTime() - startNanos) / 1_000_000,
                    (OS.getProcessCpuTime() - startCpuNanos) / 1_000_000, JIT.getTotalCompilationTime() - startJitMillis);
        }
    }

    /** A Flux v1 HelmRelease of the chart in the fleet's own repository. */
    private static String helmRelease(BenchFleet fleet, int release, Map<String, Object> values) {
        try {
            return """
                    apiVersion: helm.fluxcd.io/v1
                    kind: HelmRelease
                    metadata:
                      name: app-%d
                      namespace: apps
                    spec:
                      chart:
                        git: %s
                        path: charts/webapp
                      values: %s
                    """.formatted(release, fleet.dir(), JSON.writeValueAsString(values));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> values(int release, String tag) {
        return Map.of("image", Map.of("tag", tag), "ingress", Map.of("host", "app-" + release + ".example.com"));
    }

    private static int count(List<ReleaseRendered> rendered) {
        long failed = rendered.stream().filter(ReleaseRendered::failed).count();
        if (failed > 0) {
            throw new IllegalStateException(failed + " releases failed: " + rendered.stream()
                    .filter(ReleaseRendered::failed).findFirst().map(ReleaseRendered::error).orElse(""));
        }
        return rendered.size();
    }
}
