package io.flotilla.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.Folders;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.launcher.stack.StackException;
import io.flotilla.launcher.stack.StackOptions;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Topic;
import io.flotilla.testing.git.GitHubPushes;
import io.flotilla.testing.git.GitRepo;

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
    private static final int FOLDERS = 50;
    private static final int IDLE_POLL_SECONDS = 10;
    private static final Duration EVENT_LIMIT = Duration.ofSeconds(30);
    private static final Duration FIRST_FETCH_LIMIT = Duration.ofMinutes(10);
    private static final Duration SETTLE = Duration.ofSeconds(15);
    /** The targets of issue 3, printed beside the figures so that a reader sees whether they are met. */
    private static final long P50_TARGET_MS = 150;
    private static final double IDLE_CPU_TARGET_PERCENT = 5.0;

    private final StackState state;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private GitBenchmark(StackState state, PrintStream out) {
        this.state = state;
        this.out = out;
    }

    public static int run(Path home, Arguments arguments, PrintStream out) {
        int files = arguments.intValue("files", 1000);
        int history = arguments.intValue("history", 10_000);
        int pushes = arguments.intValue("pushes", 50);
        int idleSources = arguments.intValue("idle-sources", 50);
        int idleSeconds = arguments.intValue("idle-seconds", 60);
        if (files < FOLDERS || history < 1 || pushes < 1 || idleSources < 0 || idleSeconds < 1) {
            throw new UsageException("--files takes a number from " + FOLDERS
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
        post("/api/sources", json(source), Map.of(), 201);
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
        try (CommitsTopic topic = new CommitsTopic(state.kafkaBootstrap())) {
            for (int i = 1; i <= pushes; i++) {
                ObjectId before = big.head();
                ObjectId sha = big.commitChange("Push " + i);
                byte[] body = GitHubPushes.push(url, before.name(), sha.name(), "Push " + i);
                long start = System.nanoTime();
                post("/hooks/github", body, GitHubPushes.headers(SECRET, body), 202);
                topic.awaitCommit(sha.name());
                latencies.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
                // Pushes come one at a time, not as a burst: the rest of the stack finishes with the last one first.
                sleep(300);
            }
        }
        out.printf("webhook to CommitDetected, %d pushes: %s ms%n", pushes, latencies);
        double[] fetchesAfter = fetchTimer(BIG_SOURCE);
        out.printf("of which the git-watcher's fetch rounds (fetch, detect, publish, store; its own timer): %.0f ms on average%n",
                1000 * (fetchesAfter[0] - fetchesBefore[0]) / Math.max(1, fetchesAfter[1] - fetchesBefore[1]));
        return latencies;
    }

    /** The git-watcher's {@code flotilla_git_fetch_seconds} of one source: total seconds and count. */
    private double[] fetchTimer(String source) {
        double[] sumAndCount = new double[2];
        String suffix = "{source=\"" + source + "\"} ";
        for (String line : text("/q/metrics").split("\n")) {
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
            post("/api/sources", json(Map.of("id", name, "repository", server.url(name),
                    "pollIntervalSeconds", IDLE_POLL_SECONDS)), Map.of(), 201);
        }
        long deadline = System.nanoTime() + FIRST_FETCH_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            long fetched = 0;
            for (JsonNode source : sources()) {
                if (source.path("id").asText().startsWith("idle-") && source.hasNonNull("lastEmitted")) {
                    fetched++;
                }
            }
            if (fetched == count) {
                out.printf("%d idle sources added and fetched once; polled every %d s from now on%n", count,
                        IDLE_POLL_SECONDS);
                return;
            }
            sleep(500);
        }
        throw new StackException("the idle sources were not all fetched within " + FIRST_FETCH_LIMIT.toMinutes() + " min");
    }

    /** CPU time the git-watcher process used over {@code seconds}, as a percentage of one core, after settling. */
    private double cpuPercent(int seconds) {
        long pid = state.members().stream().filter(m -> m.name().equals("git-watcher")).findFirst()
                .orElseThrow(() -> new StackException("the stack has no git-watcher process")).pid();
        sleep(SETTLE.toMillis());
        long ticksBefore = cpuTicks(pid);
        long start = System.nanoTime();
        sleep(seconds * 1000L);
        long ticks = cpuTicks(pid) - ticksBefore;
        double elapsed = (System.nanoTime() - start) / 1e9;
        return 100.0 * ticks / clockTicksPerSecond() / elapsed;
    }

    /** utime + stime of {@code /proc/<pid>/stat}: every thread of the process, in clock ticks. */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            throw new StackException("cannot read the CPU time of process " + pid + " (is this Linux?): " + e.getMessage(), e);
        }
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String value = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return getconf.waitFor() == 0 ? Long.parseLong(value) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private void awaitLastEmitted(String id, String sha, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode source = get("/api/sources/" + id);
            if (sha.equals(source.path("lastEmitted").asText())) {
                return;
            }
            if (!source.path("lastError").isNull() && !source.path("lastError").isMissingNode()) {
                throw new StackException("source " + id + " failed: " + source.path("lastError").asText());
            }
            sleep(50);
        }
        throw new StackException("source " + id + " did not emit " + sha + " within " + limit.toSeconds() + " s");
    }

    private JsonNode sources() {
        return get("/api/sources");
    }

    private JsonNode get(String path) {
        try {
            return EventCodec.mapper().readTree(text(path));
        } catch (IOException e) {
            throw new StackException("GET " + path + " answered no JSON: " + e.getMessage(), e);
        }
    }

    private String text(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(state.gitWatcherUrl() + path))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new StackException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new StackException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private void post(String path, byte[] body, Map<String, String> headers, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(state.gitWatcherUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new StackException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new StackException("POST " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private static byte[] json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    /**
     * A bare repository with a long history, written object by object (blobs, trees, commits) rather than
     * through a work tree and an index: 10,000 commits take seconds, not the better part of an hour. Files
     * sit in {@value #FOLDERS} folders; each commit changes one file, in turn.
     */
    private static final class History implements AutoCloseable {

        private static final PersonIdent AUTHOR = new PersonIdent("Flotilla Bench", "bench@flotilla.io");

        private final Path dir;
        private final Repository repository;
        private final int filesPerFolder;
        private final int history;
        private final ObjectId[][] blobs;
        private final ObjectId[] folders = new ObjectId[FOLDERS];
        private ObjectId head;
        private int commits;

        private History(Path dir, Repository repository, int files, int history) {
            this.dir = dir;
            this.history = history;
            this.repository = repository;
            this.filesPerFolder = files / FOLDERS;
            this.blobs = new ObjectId[FOLDERS][filesPerFolder];
        }

        static History create(Path dir, int files, int commits) {
            Folders.deleteRecursively(dir);
            try {
                Repository repository = Git.init().setBare(true).setDirectory(dir.toFile())
                        .setInitialBranch(GitRepo.BRANCH).call().getRepository();
                History history = new History(dir, repository, files, commits);
                history.write(commits);
                // Packed, as a Git server keeps its repositories.
                Git.wrap(repository).gc().setAggressive(false).call();
                return history;
            } catch (GitAPIException | IOException e) {
                throw new StackException("cannot build the benchmark repository in " + dir + ": " + e.getMessage(), e);
            }
        }

        Path dir() {
            return dir;
        }

        ObjectId head() {
            return head;
        }

        int commits() {
            return commits;
        }

        /** One more commit changing the next file in turn, on {@code main}; returns its id. */
        ObjectId commitChange(String message) {
            try (ObjectInserter inserter = repository.newObjectInserter()) {
                ObjectId commit = change(inserter, commits, message);
                inserter.flush();
                moveMain(commit);
                return commit;
            } catch (IOException e) {
                throw new StackException("cannot commit to " + dir + ": " + e.getMessage(), e);
            }
        }

        private void write(int count) throws IOException {
            try (ObjectInserter inserter = repository.newObjectInserter()) {
                for (int folder = 0; folder < FOLDERS; folder++) {
                    for (int file = 0; file < filesPerFolder; file++) {
                        blobs[folder][file] = blob(inserter, folder, file, 0);
                    }
                    folders[folder] = folderTree(inserter, folder);
                }
                head = commit(inserter, rootTree(inserter), FOLDERS * filesPerFolder + " files to start with");
                commits = 1;
                ObjectId last = head;
                for (int i = 1; i < count; i++) {
                    last = change(inserter, i, "Change " + i);
                }
                inserter.flush();
                moveMain(last);
            }
        }

        private ObjectId change(ObjectInserter inserter, int revision, String message) throws IOException {
            int index = revision % (FOLDERS * filesPerFolder);
            int folder = index / filesPerFolder;
            int file = index % filesPerFolder;
            blobs[folder][file] = blob(inserter, folder, file, revision);
            folders[folder] = folderTree(inserter, folder);
            head = commit(inserter, rootTree(inserter), message);
            commits++;
            return head;
        }

        private ObjectId blob(ObjectInserter inserter, int folder, int file, int revision) throws IOException {
            String content = "app: app-%02d\nfile: %03d\nrevision: %d\n".formatted(folder, file, revision);
            return inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
        }

        /** Entries in name order, as Git requires; the zero-padded names sort as their numbers. */
        private ObjectId folderTree(ObjectInserter inserter, int folder) throws IOException {
            TreeFormatter tree = new TreeFormatter();
            for (int file = 0; file < filesPerFolder; file++) {
                tree.append("config-%03d.yaml".formatted(file), FileMode.REGULAR_FILE, blobs[folder][file]);
            }
            return inserter.insert(tree);
        }

        private ObjectId rootTree(ObjectInserter inserter) throws IOException {
            TreeFormatter tree = new TreeFormatter();
            for (int folder = 0; folder < FOLDERS; folder++) {
                tree.append("app-%02d".formatted(folder), FileMode.TREE, folders[folder]);
            }
            return inserter.insert(tree);
        }

        /** The history is spread over the past, a minute apart, as a real one is; later pushes are made now. */
        private ObjectId commit(ObjectInserter inserter, ObjectId tree, String message) throws IOException {
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            if (head != null) {
                commit.setParentId(head);
            }
            PersonIdent when = new PersonIdent(AUTHOR, Instant.now().minus(Duration.ofMinutes(Math.max(0, history - commits))));
            commit.setAuthor(when);
            commit.setCommitter(when);
            commit.setMessage(message);
            return inserter.insert(commit);
        }

        private void moveMain(ObjectId commit) throws IOException {
            RefUpdate update = repository.updateRef(Constants.R_HEADS + GitRepo.BRANCH);
            update.setNewObjectId(commit);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
                throw new IOException("main could not move to " + commit.name() + ": " + result);
            }
        }

        @Override
        public void close() {
            repository.close();
        }
    }

    /**
     * The benchmark's repositories served over {@code git://} by Git's own server, a process of its own as a Git
     * host is: the git-watcher does a client's work only, as it does against GitHub.
     */
    private static final class GitDaemon implements AutoCloseable {

        private static final Duration START_LIMIT = Duration.ofSeconds(20);

        private final Path base;
        private final Process process;
        private final int port;

        private GitDaemon(Path base, Process process, int port) {
            this.base = base;
            this.process = process;
            this.port = port;
        }

        static GitDaemon serve(Path base, Path log) {
            int port = LocalPorts.free();
            try {
                Process process = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all",
                        "--base-path=" + base, "--listen=127.0.0.1", "--port=" + port)
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                GitDaemon daemon = new GitDaemon(base, process, port);
                long deadline = System.nanoTime() + START_LIMIT.toNanos();
                while (LocalPorts.canBind(port)) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        daemon.close();
                        throw new StackException("git daemon did not start serving " + base + " on port " + port
                                + "; see " + log);
                    }
                    sleep(100);
                }
                return daemon;
            } catch (IOException e) {
                throw new StackException("bench --git serves its repositories with 'git daemon': is Git installed? "
                        + e.getMessage(), e);
            }
        }

        Path base() {
            return base;
        }

        String url(String repository) {
            return "git://127.0.0.1:" + port + "/" + repository;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The commits topic from its end: each push's CommitDetected is awaited as a downstream service sees it. */
    private static final class CommitsTopic implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;

        CommitsTopic(String bootstrapServers) {
            String topic = Topic.COMMITS.nameWith(Topic.DEFAULT_PREFIX);
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        void awaitCommit(String sha) {
            long deadline = System.nanoTime() + EVENT_LIMIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (sha.equals(EventCodec.decode(record.value(), CommitDetected.class).payload().sha())) {
                        return;
                    }
                }
            }
            throw new StackException("no CommitDetected for " + sha + " within " + EVENT_LIMIT.toSeconds() + " s");
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
