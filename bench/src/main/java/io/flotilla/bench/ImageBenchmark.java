package io.flotilla.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.bench.images.AutomatedReleases;
import io.flotilla.bench.images.FleetRemote;
import io.flotilla.bench.images.ImageUpdaterMetrics;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.stack.Folders;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.StackException;
import io.flotilla.launcher.stack.StackOptions;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.launcher.status.ObserverClient;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.registry.DockerRegistry;
import io.flotilla.testing.registry.RegistryPushes;

/**
 * {@code ./flotilla bench --images}: image automation on the whole stack, with a real registry (Debian's
 * docker-registry) that the benchmark pushes images to as CI does, and the fleet's Git remote git-watcher pushes its
 * Auto-release commits to. Four lines:
 * <ul>
 * <li>{@code BENCH images webhook}: N pushes each notified by the registry, from the push to the
 * {@code Auto-release} commit in the remote and to the release applied on every cluster (p50, p99); the commit
 * waits git-watcher's batching window (3 s) by design;</li>
 * <li>{@code BENCH images poll}: the same with no notification, the repository scanned on its Flux v2
 * ImageRepository {@code interval};</li>
 * <li>{@code BENCH images scans}: R automated releases over K image repositories: registry requests per repository
 * at the first scan and per scan after (a webhook naming every repository);</li>
 * <li>{@code BENCH images idle}: the image-updater's CPU while it follows them and nothing is pushed, from
 * {@code /proc}, at the default scan interval.</li>
 * </ul>
 */
public final class ImageBenchmark {

    private static final Duration COLD_LIMIT = Duration.ofMinutes(40);
    private static final Duration PUSH_LIMIT = Duration.ofMinutes(5);
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Instant BUILT = Instant.parse("2026-01-05T09:00:00Z");
    private static final String WEB = "team/web";
    private static final String POLL = "team/poll";

    private final StackState state;
    private final FleetRemote remote;
    private final RegistryPushes ci;
    private final AutomatedReleases yaml;
    private final List<String> clusters;
    private final ObserverClient observer;
    private final ServiceHttp imageUpdater;
    private final ImageUpdaterMetrics metrics;
    private final PrintStream out;

    private ImageBenchmark(StackState state, FleetRemote remote, RegistryPushes ci, AutomatedReleases yaml,
            List<String> clusters, PrintStream out) {
        this.state = state;
        this.remote = remote;
        this.ci = ci;
        this.yaml = yaml;
        this.clusters = clusters;
        this.observer = new ObserverClient(new Endpoint(state.observerUrl(), state.apiToken()));
        this.imageUpdater = new ServiceHttp(new Endpoint("http://localhost:" + member("image-updater").port(),
                state.apiToken()));
        this.metrics = new ImageUpdaterMetrics(imageUpdater);
        this.out = out;
    }

    public static int run(Path home, Arguments arguments, PrintStream out) {
        int pushes = arguments.intValue("pushes", 20);
        int releases = arguments.intValue("releases", 200);
        int repositories = arguments.intValue("repositories", 50);
        int clusterCount = arguments.intValue("clusters", 2);
        int pollSeconds = arguments.intValue("poll-seconds", 10);
        int idleSeconds = arguments.intValue("idle-seconds", 60);
        if (pushes < 1 || releases < 1 || repositories < 1 || repositories > releases || clusterCount < 1
                || pollSeconds < 1 || idleSeconds < 1) {
            throw new UsageException("--pushes, --releases, --clusters, --poll-seconds and --idle-seconds take numbers"
                    + " from 1, --repositories from 1 to --releases");
        }
        Path stateDir = home.resolve(".flotilla").resolve("bench-images");
        LocalStack.down(stateDir, out);
        Folders.deleteRecursively(stateDir.resolve("fleet"));
        Map<String, Map<String, String>> fleet = new LinkedHashMap<>();
        for (int i = 1; i <= clusterCount; i++) {
            fleet.put(String.format("images-%02d", i), Map.of("env", "bench"));
        }
        try (DockerRegistry registry = DockerRegistry.start();
                FleetRemote remote = FleetRemote.create(stateDir.resolve("fleet"))) {
            RegistryPushes ci = new RegistryPushes(registry.host());
            AutomatedReleases yaml = new AutomatedReleases(remote.path().toString(), registry.host());
            seed(home, remote, ci, yaml, releases, repositories);
            StackOptions options = new StackOptions(home, stateDir, remote.path().toString(), GitRepo.BRANCH, fleet,
                    null, List.of(), 0, true, Duration.ofSeconds(5), "flotilla_bench_images");
            StackState state = LocalStack.up(options, out);
            try {
                ImageBenchmark benchmark = new ImageBenchmark(state, remote, ci, yaml, List.copyOf(fleet.keySet()), out);
                double firstScan = benchmark.firstScans(releases + 1);
                double perScan = benchmark.requestsPerScan(repositories);
                benchmark.awaitReady(releases + 1, COLD_LIMIT);
                double idle = benchmark.idleCpu(idleSeconds);
                Latencies webhook = benchmark.pushes(WEB, "web", pushes, true);
                benchmark.addPollAutomation(pollSeconds, releases + 2);
                Latencies poll = benchmark.pushes(POLL, "poll", pushes, false);
                out.printf("BENCH images webhook pushes=%d clusters=%d push_to_commit_p50_ms=%d p99_ms=%d"
                        + " push_to_applied_p50_ms=%d p99_ms=%d%n", pushes, clusterCount, webhook.commitP(50),
                        webhook.commitP(99), webhook.appliedP(50), webhook.appliedP(99));
                out.printf("BENCH images poll pushes=%d clusters=%d interval_s=%d push_to_commit_p50_ms=%d p99_ms=%d"
                        + " push_to_applied_p50_ms=%d p99_ms=%d%n", pushes, clusterCount, pollSeconds,
                        poll.commitP(50), poll.commitP(99), poll.appliedP(50), poll.appliedP(99));
                out.printf("BENCH images scans releases=%d repositories=%d first_scan_requests_per_repository=%.1f"
                        + " requests_per_scan=%.1f%n", releases, repositories, firstScan, perScan);
                out.printf("BENCH images idle releases=%d repositories=%d window_s=%d cpu_percent_of_one_core=%.2f%n",
                        releases, repositories, idleSeconds, idle);
                return 0;
            } finally {
                LocalStack.down(stateDir, out);
            }
        }
    }

    /**
     * Images CI built before the benchmark, and the fleet's first commit: the chart, {@code releases} Flux v1
     * releases over {@code repositories} image repositories, and the release the webhook path moves.
     */
    private static void seed(Path home, FleetRemote remote, RegistryPushes ci, AutomatedReleases yaml, int releases,
            int repositories) {
        for (int k = 0; k < repositories; k++) {
            ci.push(serviceRepository(k), "1.0.0", BUILT);
        }
        ci.push(WEB, "1.0.0", BUILT);
        ci.push(POLL, "1.0.0", BUILT);
        remote.copy(home.resolve("examples").resolve("fleet").resolve("charts").resolve("hello"), "charts/hello");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("apps/web.yaml", yaml.fluxV1("web", "web", WEB, "semver:^1", "1.0.0"));
        for (int i = 0; i < releases; i++) {
            String name = String.format("svc-%03d", i);
            files.put("fleet/" + name + ".yaml", yaml.fluxV1("fleet", name, serviceRepository(i % repositories),
                    "semver:~1.0", "1.0.0"));
        }
        remote.commit(files, releases + " automated releases over " + repositories + " image repositories");
    }

    private static String serviceRepository(int k) {
        return String.format("team/svc-%02d", k);
    }

    /** Waits for the first scan of every automation; the registry requests per repository it took. */
    private double firstScans(int automations) {
        Waiting.until(() -> imageUpdater.json("/api/automations"), list -> scanned(list) >= automations, COLD_LIMIT,
                Duration.ofMillis(500), automations + " automations scanned once");
        double perRepository = (double) metrics.registryRequests() / metrics.scans();
        out.printf("first scans: %d automations, %d scans, %.1f registry requests per repository%n", automations,
                metrics.scans(), perRepository);
        return perRepository;
    }

    private static long scanned(JsonNode automations) {
        long count = 0;
        for (JsonNode automation : automations) {
            if (automation.hasNonNull("lastScan")) {
                count++;
            }
        }
        return count;
    }

    /** Every repository notified at once: the registry requests each scan then takes. */
    private double requestsPerScan(int repositories) {
        long requests = metrics.registryRequests();
        long scans = metrics.scans();
        List<String> names = IntStream.range(0, repositories).mapToObj(ImageBenchmark::serviceRepository).toList();
        imageUpdater.post("/hooks/registry", ci.notification(names, "1.0.0").getBytes(StandardCharsets.UTF_8),
                Map.of(), 202);
        Waiting.until(metrics::scans, done -> done >= scans + repositories, PUSH_LIMIT, Duration.ofMillis(200),
                repositories + " scans after the webhook");
        double perScan = (double) (metrics.registryRequests() - requests) / (metrics.scans() - scans);
        out.printf("rescan: %d repositories, %.1f registry requests per scan%n", repositories, perScan);
        return perScan;
    }

    private void awaitReady(int releases, Duration limit) {
        int expected = releases * clusters.size();
        long start = System.nanoTime();
        Waiting.until(observer::releases, rows -> rows.stream().filter(r -> "Ready".equals(r.status())).count()
                >= expected, limit, Duration.ofSeconds(1), expected + " releases Ready");
        out.printf("%d releases Ready (%.1f s)%n", expected, (System.nanoTime() - start) / 1e9);
    }

    private double idleCpu(int seconds) {
        Waiting.sleep(SETTLE.toMillis());
        double percent = new ProcessCpu(member("image-updater").pid()).percentOver(seconds);
        out.printf("image-updater idle over %d s: %.2f%% of one core%n", seconds, percent);
        return percent;
    }

    /** The Flux v2 automation of the poll path, scanned every {@code seconds}, and the release it moves. */
    private void addPollAutomation(int seconds, int releases) {
        remote.commit(Map.of(
                "flux-system/poll.yaml", yaml.fluxV2Automation("poll", POLL, seconds + "s", ">=1.0.0", "apps/poll"),
                "apps/poll/poll.yaml", yaml.markedRelease("poll", "poll", POLL, "poll", "1.0.0")),
                "poll: scanned every " + seconds + " s");
        new ServiceHttp(new Endpoint(state.gitWatcherUrl(), state.apiToken())).post("/hooks/generic", new byte[0], state.webhookHeaders(), 202);
        awaitReady(releases, PUSH_LIMIT);
    }

    /** Push to commit and push to applied on every cluster, in milliseconds, sorted. */
    private record Latencies(List<Long> commit, List<Long> applied) {

        long commitP(int percentile) {
            return Benchmark.percentile(commit, percentile);
        }

        long appliedP(int percentile) {
            return Benchmark.percentile(applied, percentile);
        }
    }

    /** {@code count} tags pushed to {@code repository} one after the other, each notified when {@code notify}. */
    private Latencies pushes(String repository, String release, int count, boolean notify) {
        List<Long> commit = new ArrayList<>();
        List<Long> applied = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String tag = "1.0." + i;
            String before = remote.head();
            long start = System.nanoTime();
            ci.push(repository, tag, Instant.now());
            if (notify) {
                imageUpdater.post("/hooks/registry", ci.notification(List.of(repository), tag)
                        .getBytes(StandardCharsets.UTF_8), Map.of(), 202);
            }
            String sha = Waiting.until(remote::head, head -> !head.equals(before)
                    && remote.subject(head).equals("Auto-release " + ci.host() + "/" + repository + ":" + tag),
                    PUSH_LIMIT, Duration.ofMillis(50), "the Auto-release commit of " + repository + ":" + tag);
            commit.add((System.nanoTime() - start) / 1_000_000);
            Waiting.until(observer::releases, rows -> clusters.stream().allMatch(cluster -> rows.stream().anyMatch(
                    r -> r.cluster().equals(cluster) && r.name().equals(release) && sha.equals(r.sourceSha())
                            && "Ready".equals(r.status()))), PUSH_LIMIT, Duration.ofMillis(100),
                    release + " at " + sha + " on every cluster");
            applied.add((System.nanoTime() - start) / 1_000_000);
            out.printf("%s:%s %s: Auto-release %d ms, applied on %d clusters %d ms%n", repository, tag,
                    notify ? "notified" : "polled", commit.get(i - 1), clusters.size(), applied.get(i - 1));
        }
        Collections.sort(commit);
        Collections.sort(applied);
        return new Latencies(commit, applied);
    }

    private StackState.Member member(String name) {
        return state.members().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new StackException("the stack has no " + name + " process"));
    }
}
