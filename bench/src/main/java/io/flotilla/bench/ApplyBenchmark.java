package io.flotilla.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.flotilla.bench.apply.ConsumerLag;
import io.flotilla.bench.apply.RequestKinds;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.embedded.clusters.SimulatedFleet;
import io.flotilla.embedded.postgres.PostgresServer;
import io.flotilla.events.Envelope;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Topic;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.stack.Folders;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.Service;
import io.flotilla.launcher.stack.StackException;
import io.flotilla.launcher.stack.StackOptions;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.testing.fixtures.HelloRelease;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.kafka.TopicFollower;

/**
 * {@code ./flotilla bench --apply}: the applier as deployed (its own process, with Kafka and PostgreSQL, the other
 * services left out so their work does not weigh on these two cores), fed {@code ReleaseRendered} events straight
 * on the rendered topic, against
 * simulated clusters run here so that their requests can be counted. First a warm-up, not measured: W releases to a
 * cluster of their own, so that what follows measures the applier as it runs for days, compiled by the JIT, not a
 * JVM just started (whose compiler threads take most of a core in the first minute). Then, in this order: a cold
 * apply (empty cluster) to one cluster, a replay of the same events (no-op: no write expected), M-1 clusters alone
 * against M-1 others plus one that does not answer, and a cold apply to M clusters. Each measurement has empty
 * clusters of its own, because a simulated cluster slows down as it stores more objects. Prints {@code BENCH} lines.
 */
public final class ApplyBenchmark {

    private static final String PREFIX = "flotilla.";
    private static final String DATABASE = "flotilla_bench_apply";
    private static final Duration PHASE_LIMIT = Duration.ofMinutes(20);
    /** Each measurement on clusters of its own, all as empty at its start, so that none inherits another's objects. */
    private static final String COLD = "cold";
    private static final String ALONE = "alone";
    private static final String WITH_DOWN = "with-down";
    private static final String DOWN = "down";
    private static final String WARM_UP = "warm-up";

    private final SimulatedFleet fleet;
    /** The rendered topic written as the renderer writes it; the applied topic followed from its start. */
    private final FlotillaTopics topics;
    private final TopicFollower applied;
    private final ConsumerLag lag;
    private final PrintStream out;

    private ApplyBenchmark(SimulatedFleet fleet, StackState state, PrintStream out) {
        this.fleet = fleet;
        this.topics = new FlotillaTopics(state.kafkaBootstrap(), PREFIX);
        this.applied = topics.follow(Topic.APPLIED);
        this.lag = new ConsumerLag(state.kafkaBootstrap(), PREFIX);
        this.out = out;
    }

    public static int run(Path home, Arguments arguments, PrintStream out) {
        // Kafka's clients log every setting at INFO; the benchmark's own lines are what matter here.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        int releases = arguments.intValue("releases", 1000);
        int clusterCount = arguments.intValue("clusters", 10);
        int compared = arguments.intValue("compare-releases", 200);
        int warmUp = arguments.intValue("warm-up-releases", 300);
        if (releases < 1 || clusterCount < 2 || compared < 1 || warmUp < 0) {
            throw new UsageException("--releases and --compare-releases take numbers from 1, --clusters from 2, "
                    + "--warm-up-releases from 0");
        }
        Path stateDir = home.resolve(".flotilla").resolve("bench-apply");
        LocalStack.down(stateDir, out);
        Folders.deleteRecursively(stateDir);
        dropDatabase();
        Map<String, Map<String, String>> clusters = new LinkedHashMap<>();
        for (String set : List.of(COLD, ALONE, WITH_DOWN)) {
            for (int i = 1; i <= (set.equals(COLD) ? clusterCount : clusterCount - 1); i++) {
                clusters.put(set + "-" + i, Map.of("env", "bench"));
            }
        }
        clusters.put(DOWN, Map.of("env", "bench"));
        clusters.put(WARM_UP, Map.of("env", "bench"));
        try (SimulatedFleet fleet = SimulatedFleet.start(clusters)) {
            Path kubeconfig = fleet.writeKubeconfig(stateDir.resolve("clusters.yaml"));
            fleet.cluster(DOWN).stopAnswering();
            Path repoDir = stateDir.resolve("fleet");
            GitRepo repo = GitRepo.init(repoDir);
            repo.write("README.md", "No releases: the benchmark sends rendered releases straight to the applier.\n");
            repo.commit("Empty fleet");
            StackOptions options = new StackOptions(home, stateDir, repoDir.toString(), GitRepo.BRANCH, Map.of(),
                    kubeconfig, List.of(), 0, true, Duration.ofSeconds(60), DATABASE).with(Set.of(Service.APPLIER));
            StackState state = LocalStack.up(options, out);
            try {
                ApplyBenchmark benchmark = new ApplyBenchmark(fleet, state, out);
                try {
                    benchmark.measure(releases, clusterCount, compared, warmUp, applierPid(state));
                } finally {
                    benchmark.close();
                }
                return 0;
            } finally {
                LocalStack.down(stateDir, out);
            }
        }
    }

    private void measure(int releases, int clusterCount, int compared, int warmUp, long applierPid) {
        if (warmUp > 0) {
            applyCold(WARM_UP, List.of(WARM_UP), warmUp, new ArrayList<>());
        }
        String loadAtStart = loadAverage();
        String first = COLD + "-1";
        List<Envelope<ReleaseRendered>> coldOne = new ArrayList<>();
        long requestsBefore = fleet.cluster(first).requestCount();
        long coldStart = System.nanoTime();
        double oneCluster = applyCold("one", List.of(first), releases, coldOne);
        long requests = fleet.cluster(first).requestCount() - requestsBefore;
        out.printf("BENCH apply cold clusters=1 releases=%d seconds=%.1f releases_per_s=%.0f "
                + "api_requests_per_release=%.1f%n", releases, oneCluster, releases / oneCluster,
                (double) requests / releases);
        out.printf("BENCH apply cold clusters=1 requests_per_release %s%n",
                RequestKinds.perRelease(fleet.cluster(first).receivedRequests(), coldStart, releases));

        long writesBefore = writes(List.of(first));
        long start = System.nanoTime();
        topics.publishAll(coldOne);
        await(() -> lag.ofApplier() == 0, "the replayed " + releases + " events handled (committed)");
        double replay = seconds(start);
        long noopWrites = writes(List.of(first)) - writesBefore;
        out.printf("BENCH apply noop clusters=1 releases=%d writes=%d seconds=%.1f%n", releases, noopWrites, replay);

        List<String> alone = clusters(ALONE, clusterCount - 1);
        double aloneSeconds = applyCold("compare", alone, compared, new ArrayList<>());
        List<String> reachable = clusters(WITH_DOWN, clusterCount - 1);
        List<String> withDown = new ArrayList<>(reachable);
        withDown.add(DOWN);
        start = System.nanoTime();
        List<String> keys = publish("compare", withDown, compared, new ArrayList<>());
        List<String> reachableKeys = keys.stream().filter(key -> !key.startsWith(DOWN + "/")).toList();
        List<String> downKeys = keys.stream().filter(key -> key.startsWith(DOWN + "/")).toList();
        await(() -> count(reachableKeys, Outcome.Ready) == reachableKeys.size(),
                reachableKeys.size() + " releases Ready on the " + reachable.size() + " clusters that answer");
        double withOneDown = seconds(start);
        await(() -> count(downKeys, Outcome.Unreachable) == downKeys.size(),
                downKeys.size() + " releases of " + DOWN + " reported Unreachable");
        out.printf("BENCH apply unreachable clusters=%d+1 releases=%d alone_s=%.1f with_one_unreachable_s=%.1f "
                + "ratio=%.2f unreachable_reported=%d%n", reachable.size(), compared, aloneSeconds, withOneDown,
                withOneDown / aloneSeconds, count(downKeys, Outcome.Unreachable));

        List<String> cold = clusters(COLD, clusterCount);
        double allClusters = applyCold("many", cold, releases, new ArrayList<>());
        out.printf("BENCH apply cold clusters=%d releases=%d applies=%d seconds=%.1f releases_per_s=%.0f%n",
                clusterCount, releases, releases * clusterCount, allClusters, releases * clusterCount / allClusters);
        out.printf("BENCH apply applier_peak_rss_mb=%d cores=%d load_avg_1m_start=%s load_avg_1m_end=%s%n",
                PeakMemory.ofProcess("applier", applierPid), Runtime.getRuntime().availableProcessors(), loadAtStart, loadAverage());
    }

    private static List<String> clusters(String set, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(set + "-" + i);
        }
        return names;
    }

    /** Publishes {@code releases} new releases to each cluster and waits until all are Ready: the seconds it took. */
    private double applyCold(String namespace, List<String> clusters, int releases,
            List<Envelope<ReleaseRendered>> sent) {
        long start = System.nanoTime();
        List<String> keys = publish(namespace, clusters, releases, sent);
        await(() -> count(keys, Outcome.Ready) == keys.size(),
                keys.size() + " releases Ready in namespace " + namespace);
        double seconds = seconds(start);
        out.printf("%s: %d releases x %d clusters Ready in %.1f s%n", namespace, releases, clusters.size(), seconds);
        return seconds;
    }

    /** Release by release, each to every cluster in turn, as the renderer emits a commit's releases. */
    private List<String> publish(String namespace, List<String> clusters, int releases,
            List<Envelope<ReleaseRendered>> sent) {
        List<ReleaseRendered> renderings = new ArrayList<>();
        for (int i = 0; i < releases; i++) {
            for (String cluster : clusters) {
                renderings.add(HelloRelease.rendered(new ReleaseKey(cluster, namespace, String.format("app-%04d", i)),
                        "revision 1"));
            }
        }
        List<Envelope<ReleaseRendered>> envelopes = renderings.stream()
                .map(rendered -> Envelope.first("renderer", rendered)).toList();
        topics.publishAll(envelopes);
        sent.addAll(envelopes);
        return renderings.stream().map(rendering -> rendering.release().toString()).toList();
    }

    /** How many of the releases (keys {@code cluster/namespace/name}) last reported {@code outcome}. */
    private long count(List<String> releases, Outcome outcome) {
        return releases.stream().filter(release -> applied.latest(ReleaseApplied.class, release)
                .filter(event -> event.outcome() == outcome).isPresent()).count();
    }

    private long writes(List<String> clusters) {
        return clusters.stream().map(fleet::cluster).mapToLong(SimulatedCluster::writeCount).sum();
    }

    private void await(BooleanSupplier done, String what) {
        Waiting.until(done::getAsBoolean, Boolean::booleanValue, PHASE_LIMIT, Duration.ofMillis(50), what);
    }

    private void close() {
        topics.close();
        lag.close();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Empties the benchmark's database where a PostgreSQL answers; an embedded one starts empty anyway. */
    private static void dropDatabase() {
        try {
            PostgresServer.locate(System.getenv(), () -> {
                throw new IllegalStateException("none answers");
            }).dropDatabase(DATABASE);
        } catch (IllegalStateException none) {
            // The stack starts an embedded PostgreSQL in the emptied state folder.
        }
    }

    /** The machine's load over the last minute: other work on it slows every phase alike. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long applierPid(StackState state) {
        return state.members().stream().filter(member -> member.name().equals("applier")).findFirst()
                .orElseThrow(() -> new StackException("the stack has no applier")).pid();
    }
}
