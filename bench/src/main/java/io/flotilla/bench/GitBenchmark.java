package io.flotilla.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import org.eclipse.jgit.lib.ObjectId;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.bench.git.GitDaemon;
import io.flotilla.bench.git.History;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.Topic;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.stack.Folders;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.StackException;
import io.flotilla.launcher.stack.StackOptions;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.testing.git.GitHubPushes;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.kafka.TopicFollower;

/**
 * {@code ./flotilla bench --git}: the git-watcher as the stack runs it, measured on its own work. A repository
 * of 1,000 files and 10,000 commits, served by {@code git daemon}, is registered through {@code POST /api/sources}
 * with a webhook secret and an hourly poll; then each push (a commit, then a signed GitHub push delivery to {@code /hooks/github}) is
 * timed until its {@code CommitDetected} is read from the commits topic. Then 50 small sources polled every
 * 10 s are added and the git-watcher process' CPU time is read from {@code /proc} over a quiet minute.
 */
public final class GitBenchmark {

    private static final String SECRET = "bench-webhook-secret";
    private static final String BIG_SOURCE = "bench-history";
    private static final int IDLE_POLL_SECONDS = 10;
    private static final Duration EVENT_LIMIT = Duration.ofSeconds(30);
    private static final Duration FIRST_FETCH_LIMIT = Duration.ofMinutes(10);
    private static final Duration SETTLE = Duration.ofSeconds(15);
    /** The targets of issue 3, printed beside the figures so that a reader sees whether they are met. */
    private static final long P50_TARGET_MS = 150;
    private static final double IDLE_CPU_TARGET_PERCENT = 5.0;

    private final StackState state;
    private final PrintStream out;
    private final ServiceHttp gitWatcher;

    private GitBenchmark(StackState state, PrintStream out) {
        this.state = state;
        this.out = out;
        this.gitWatcher = new ServiceHttp(new Endpoint(state.gitWatcherUrl(), state.apiToken()));
    }

    public static int run(Path home, Arguments arguments, PrintStream out) {
        int files = arguments.intValue("files", 1000);
        int history = arguments.intValue("history", 10_000);
        int pushes = arguments.intValue("pushes", 50);
        int idleSources = arguments.intValue("idle-sources", 50);
        int idleSeconds = arguments.intValue("idle-seconds", 60);
        if (files < History.FOLDERS || history < 1 || pushes < 1 || idleSources < 0 || idleSeconds < 1) {
            throw new UsageException("--files takes a number from " + History.FOLDERS
                    + ", --history, --pushes and --idle-seconds from 1, --idle-sources from 0");
        }
        Path stateDir = home.resolve(".flotilla").resolve("bench-git");
        LocalStack.down(stateDir, out);
        // A fresh start: no repository and no mirror of an earlier run.
        Folders.deleteRecursively(stateDir.resolve("repositories"));
        Folders.deleteRecursively(stateDir.resolve("work"));
        Path stackRepo = stateDir.resolve("repositories").resolve("stack");
        try (GitRepo repo = GitRepo.init(stackRepo)) {
            repo.write("README.md", "The stack's own source; the benchmark registers its sources through the API.\n")
                    .commit("Start");
        }

        long built = System.nanoTime();
        Path repositories = stateDir.resolve("repositories");
        try (History big = History.create(repositories.resolve("history.git"), files, history);
                GitDaemon server = GitDaemon.serve(repositories, stateDir.resolve("git-daemon.log"))) {
            out.printf("built %s: %d files, %d commits in %.1f s%n", big.dir(), files, history,
                    (System.nanoTime() - built) / 1e9);
            StackOptions options = new StackOptions(home, stateDir, stackRepo.toString(), GitRepo.BRANCH,
                    Map.of("bench-1", Map.of("env", "bench")), null, List.of(), 0, true,
                    Duration.ofSeconds(IDLE_POLL_SECONDS),
                    "flotilla_bench_git");
            StackState state = LocalStack.up(options, out);
            try {
                GitBenchmark benchmark = new GitBenchmark(state, out);
                long firstFetch = benchmark.register(big, server.url("history.git"));
                List<Long> latencies = benchmark.pushes(big, server.url("history.git"), pushes);
                Collections.sort(latencies);
                long p50 = Benchmark.percentile(latencies, 50);
                out.printf("BENCH git files=%d commits=%d first_fetch_ms=%d pushes=%d webhook_to_commit_detected_p50_ms=%d"
                        + " p99_ms=%d p50_target_ms=%d p50_%s%n", files, history, firstFetch, pushes, p50,
                        Benchmark.percentile(latencies, 99), P50_TARGET_MS, verdict(p50 < P50_TARGET_MS));
                double baseline = benchmark.cpuPercent(idleSeconds);
                benchmark.addIdleSources(server, idleSources);
                double idle = benchmark.cpuPercent(idleSeconds);
                out.printf("BENCH git idle_sources=%d poll_interval_s=%d window_s=%d cpu_percent_of_one_core=%.2f"
                        + " without_them=%.2f cpu_target_percent=%.0f cpu_%s%n", idleSources, IDLE_POLL_SECONDS,
                        idleSeconds, idle, baseline, IDLE_CPU_TARGET_PERCENT, verdict(idle < IDLE_CPU_TARGET_PERCENT));
                return 0;
            } finally {
                LocalStack.down(stateDir, out);
            }
        }
    }

    private static String verdict(boolean met) {
        return met ? "within_target" : "over_target";
    }

    /** Registers the big repository and waits for its first commit; returns how long that took. */
    private long register(History big, String url) {
        long start = System.nanoTime();
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("id", BIG_SOURCE);
        source.put("repository", url);
        source.put("webhookSecret", SECRET);
        source.put("pollIntervalSeconds", 3600);
        gitWatcher.post("/api/sources", ServiceHttp.json(source), Map.of(), 201);
        String head = big.head().name();
        awaitLastEmitted(BIG_SOURCE, head, FIRST_FETCH_LIMIT);
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        out.printf("first fetch of %d commits until its CommitDetected: %d ms%n", big.commits(), millis);
        return millis;
    }

    /** Commit, signed push delivery, CommitDetected read from Kafka: the time from delivery to event, per push. */
    private List<Long> pushes(History big, String url, int pushes) {
        List<Long> latencies = new ArrayList<>();
        double[] fetchesBefore = fetchTimer(BIG_SOURCE);
        try (FlotillaTopics topics = new FlotillaTopics(state.kafkaBootstrap())) {
            TopicFollower commits = topics.follow(Topic.COMMITS);
            for (int i = 1; i <= pushes; i++) {
                ObjectId before = big.head();
                ObjectId sha = big.commitChange("Push " + i);
                byte[] body = GitHubPushes.push(url, before.name(), sha.name(), "Push " + i);
                long start = System.nanoTime();
                gitWatcher.post("/hooks/github", body, GitHubPushes.headers(SECRET, body), 202);
                awaitCommit(commits, sha.name());
                latencies.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
                // Pushes come one at a time, not as a burst: the rest of the stack finishes with the last one first.
                Waiting.sleep(300);
            }
        }
        out.printf("webhook to CommitDetected, %d pushes: %s ms%n", pushes, latencies);
        double[] fetchesAfter = fetchTimer(BIG_SOURCE);
        out.printf("of which the git-watcher's fetch rounds (fetch, detect, publish, store; its own timer): %.0f ms on average%n",
                1000 * (fetchesAfter[0] - fetchesBefore[0]) / Math.max(1, fetchesAfter[1] - fetchesBefore[1]));
        return latencies;
    }

    private static void awaitCommit(TopicFollower commits, String sha) {
        try {
            commits.await(CommitDetected.class, event -> sha.equals(event.payload().sha()), EVENT_LIMIT);
        } catch (AssertionError e) {
            throw new StackException("no CommitDetected for " + sha + " within " + EVENT_LIMIT.toSeconds() + " s", e);
        }
    }

    /** The git-watcher's {@code flotilla_git_fetch_seconds} of one source: total seconds and count. */
    private double[] fetchTimer(String source) {
        double[] sumAndCount = new double[2];
        String suffix = "{source=\"" + source + "\"} ";
        for (String line : gitWatcher.text("/q/metrics").split("\n")) {
            if (line.startsWith("flotilla_git_fetch_seconds_sum" + suffix)) {
                sumAndCount[0] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("flotilla_git_fetch_seconds_count" + suffix)) {
                sumAndCount[1] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sumAndCount;
    }

    private void addIdleSources(GitDaemon server, int count) {
        for (int i = 1; i <= count; i++) {
            String name = String.format("idle-%02d", i);
            try (GitRepo repo = GitRepo.init(server.base().resolve(name))) {
                repo.write("releases/app.yaml", "idle " + i + "\n").commit("Idle source " + i);
            }
            gitWatcher.post("/api/sources", ServiceHttp.json(Map.of("id", name, "repository", server.url(name),
                    "pollIntervalSeconds", IDLE_POLL_SECONDS)), Map.of(), 201);
        }
        Waiting.until(() -> idleSourcesFetched(), fetched -> fetched == count, FIRST_FETCH_LIMIT,
                Duration.ofMillis(500), "the " + count + " idle sources to be fetched once");
        out.printf("%d idle sources added and fetched once; polled every %d s from now on%n", count, IDLE_POLL_SECONDS);
    }

    private long idleSourcesFetched() {
        long fetched = 0;
        for (JsonNode source : gitWatcher.json("/api/sources")) {
            if (source.path("id").asText().startsWith("idle-") && source.hasNonNull("lastEmitted")) {
                fetched++;
            }
        }
        return fetched;
    }

    /** CPU time the git-watcher process used over {@code seconds}, as a percentage of one core, after settling. */
    private double cpuPercent(int seconds) {
        long pid = state.members().stream().filter(m -> m.name().equals("git-watcher")).findFirst()
                .orElseThrow(() -> new StackException("the stack has no git-watcher process")).pid();
        Waiting.sleep(SETTLE.toMillis());
        return new ProcessCpu(pid).percentOver(seconds);
    }

    private void awaitLastEmitted(String id, String sha, Duration limit) {
        Waiting.until(() -> gitWatcher.json("/api/sources/" + id), source -> {
            if (!source.path("lastError").isNull() && !source.path("lastError").isMissingNode()) {
                throw new StackException("source " + id + " failed: " + source.path("lastError").asText());
            }
            return sha.equals(source.path("lastEmitted").asText());
        }, limit, Duration.ofMillis(50), "source " + id + " to emit " + sha);
    }
}
