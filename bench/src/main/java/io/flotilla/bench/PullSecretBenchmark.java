package io.flotilla.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.embedded.clusters.SimulatedFleet;
import io.flotilla.embedded.kafka.KafkaBroker;
import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.stack.ChildProcess;
import io.flotilla.launcher.stack.Folders;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.Service;
import io.flotilla.launcher.stack.StackAdminToken;
import io.flotilla.launcher.stack.StackException;
import io.flotilla.launcher.stack.StackSecretKeys;
import io.flotilla.launcher.stack.StackState;

/**
 * {@code ./flotilla bench --pull-secrets [--clusters 20] [--namespaces 500]}: registry-secrets alone (its packaged
 * application, a process of its own) keeping one fleet seed in every namespace of simulated clusters that live in
 * the benchmark's process, with Kafka. Measures the seconds from the service's start until every namespace of every
 * cluster has its copy; a rotation of the seed file: the seconds until every copy carries the new digest and, per
 * namespace, the milliseconds it took (p50/p99); and a namespace created afterwards: the milliseconds to its copy
 * (p50/p99). The copies are followed by a watch per cluster, as a user would see them appear. Prints {@code BENCH
 * pull_secrets} lines.
 */
public final class PullSecretBenchmark {

    private static final String SEED = "bench";
    private static final String COPY = SEED + "-registrycreds";
    private static final String SEED_DIGEST = "flotilla.io/seed-digest";
    /** How often the service reads the seed file again: part of a rotation's time, so printed with it. */
    private static final Duration SEED_POLL = Duration.ofMillis(500);
    private static final Duration LIMIT = Duration.ofMinutes(15);
    private static final int NEW_NAMESPACES_PER_CLUSTER = 2;

    private PullSecretBenchmark() {
    }

    public static int run(Path home, Arguments arguments, PrintStream out) {
        int clusters = arguments.intValue("clusters", 20);
        int namespaces = arguments.intValue("namespaces", 500);
        if (clusters < 1 || namespaces < 1) {
            throw new UsageException("--clusters and --namespaces take numbers from 1");
        }
        // The broker runs in this process: its logs and its clients' say only what went wrong.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "warn");
        Path stateDir = home.resolve(".flotilla").resolve("bench-pull-secrets");
        LocalStack.down(stateDir, out);
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new StackException("cannot create " + stateDir + ": " + e.getMessage(), e);
        }
        Map<String, Map<String, String>> names = new LinkedHashMap<>();
        for (int c = 0; c < clusters; c++) {
            names.put(String.format("ps-%02d", c), Map.of("env", "bench"));
        }
        try (SimulatedFleet fleet = SimulatedFleet.start(names)) {
            long fillStart = System.nanoTime();
            fill(fleet, namespaces);
            out.printf("created %d namespaces on each of %d clusters in %.1f s%n", namespaces, clusters,
                    (System.nanoTime() - fillStart) / 1e9);
            Path kubeconfig = fleet.writeKubeconfig(stateDir.resolve("kubeconfig"));
            Path seedFile = stateDir.resolve("seed.json");
            writeSeed(seedFile, "first");
            Folders.deleteRecursively(stateDir.resolve("data"));
            try (KafkaBroker kafka = KafkaBroker.start(stateDir.resolve("data").resolve("kafka"), 0);
                    Copies copies = Copies.follow(fleet)) {
                return measure(home, stateDir, kubeconfig, seedFile, kafka, fleet, copies, namespaces, out);
            } finally {
                LocalStack.down(stateDir, out);
            }
        } catch (IOException e) {
            throw new StackException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private static int measure(Path home, Path stateDir, Path kubeconfig, Path seedFile, KafkaBroker kafka,
            SimulatedFleet fleet, Copies copies, int namespaces, PrintStream out)
            throws IOException, InterruptedException {
        int port = LocalPorts.free();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(LocalStack.SERVICE_JVM);
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-Dflotilla.clusters.kubeconfig=" + kubeconfig,
                "-Dflotilla.pull-secrets.fleet-seeds." + SEED + ".secret-file=" + seedFile,
                "-Dflotilla.pull-secrets.fleet-seeds." + SEED + ".selector=env=bench",
                "-Dflotilla.pull-secrets.fleet-seed-poll=" + SEED_POLL.toMillis() + "ms",
                "-jar", Service.REGISTRY_SECRETS.application(home).toString()));
        String token = StackAdminToken.of(stateDir);
        command.addAll(command.size() - 2, StackAdminToken.serviceProperties(token));
        long start = System.nanoTime();
        ChildProcess service = ChildProcess.start("registry-secrets", command,
                Map.of(StackSecretKeys.VARIABLE, StackSecretKeys.of(stateDir).toString()),
                stateDir.resolve("logs").resolve("registry-secrets.log"), home);
        new StackState(null, null, kafka.bootstrapServers(), null, kubeconfig, null, null,
                List.of(new StackState.Member("registry-secrets", service.pid(), port, false)), null, null,
                stateDir.resolve(StackAdminToken.FILE))
                .write(stateDir);
        service.awaitReady(port, Duration.ofSeconds(240));
        double readySeconds = (System.nanoTime() - start) / 1e9;
        ServiceHttp api = new ServiceHttp(new Endpoint("http://localhost:" + port, token));
        int clusters = fleet.clusters().size();
        int expected = Waiting.until(() -> covered(api), total -> total[0] == clusters && total[1] > 0
                && total[1] == total[2], LIMIT, Duration.ofMillis(200), "every namespace to have its copy")[1];
        double coveredSeconds = (System.nanoTime() - start) / 1e9;
        out.printf("BENCH pull_secrets clusters=%d namespaces_per_cluster=%d namespaces_covered=%d ready_seconds=%.1f"
                + " covered_seconds=%.1f%n", clusters, namespaces, expected, readySeconds, coveredSeconds);

        Set<String> before = copies.digests();
        writeSeed(seedFile, "rotated");
        long rotated = System.nanoTime();
        // The rotated seed's digest is the one the copies start carrying.
        String digest = Waiting.until(() -> copies.digests().stream().filter(one -> !before.contains(one))
                .findFirst().orElse(null), Objects::nonNull, LIMIT, Duration.ofMillis(20),
                "a copy of the rotated seed");
        Waiting.until(() -> copies.carrying(digest).size(), count -> count >= expected, LIMIT,
                Duration.ofMillis(100), "every copy to carry the rotated seed");
        List<Long> perNamespace = new ArrayList<>();
        copies.carrying(digest).values().forEach(at -> perNamespace.add((at - rotated) / 1_000_000));
        Collections.sort(perNamespace);
        out.printf("BENCH pull_secrets rotation copies=%d rotation_seconds=%.1f namespace_p50_ms=%d"
                + " namespace_p99_ms=%d seed_poll_ms=%d%n", perNamespace.size(),
                perNamespace.get(perNamespace.size() - 1) / 1000.0, Benchmark.percentile(perNamespace, 50),
                Benchmark.percentile(perNamespace, 99), SEED_POLL.toMillis());

        List<Long> newNamespaces = new ArrayList<>();
        for (int i = 0; i < NEW_NAMESPACES_PER_CLUSTER; i++) {
            for (SimulatedCluster cluster : fleet.clusters()) {
                String namespace = "arrived-" + i;
                long created = System.nanoTime();
                cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                        .endMetadata().build()).create();
                String key = cluster.name() + "/" + namespace;
                long copied = Waiting.until(() -> copies.carrying(digest).getOrDefault(key, 0L), at -> at > 0,
                        Duration.ofMinutes(2), Duration.ofMillis(2), "the copy in " + key);
                newNamespaces.add((copied - created) / 1_000_000);
            }
        }
        Collections.sort(newNamespaces);
        out.printf("BENCH pull_secrets new_namespace samples=%d p50_ms=%d p99_ms=%d%n", newNamespaces.size(),
                Benchmark.percentile(newNamespaces, 50), Benchmark.percentile(newNamespaces, 99));
        return 0;
    }

    /** Clusters shown, namespaces covered and in total over the fleet, from {@code GET /api/pull-secrets}. */
    private static int[] covered(ServiceHttp api) {
        int shown = 0;
        int covered = 0;
        int total = 0;
        for (JsonNode cluster : api.json("/api/pull-secrets")) {
            for (JsonNode pullSecret : cluster.path("pullSecrets")) {
                if (SEED.equals(pullSecret.path("name").asText())) {
                    shown++;
                    covered += pullSecret.path("namespacesCovered").asInt();
                    total += pullSecret.path("namespacesTotal").asInt();
                }
            }
        }
        return new int[] { shown, covered, total };
    }

    private static void fill(SimulatedFleet fleet, int namespaces) {
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (SimulatedCluster cluster : fleet.clusters()) {
                done.add(workers.submit(() -> {
                    for (int n = 0; n < namespaces; n++) {
                        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
                                .withName(String.format("team-%04d", n)).endMetadata().build()).create();
                    }
                }));
            }
            for (Future<?> one : done) {
                one.get();
            }
        } catch (Exception e) {
            throw new StackException("creating the namespaces failed: " + e.getMessage(), e);
        } finally {
            workers.shutdownNow();
        }
    }

    /** Replaces the seed file at once, as a mounted Secret is replaced. */
    private static void writeSeed(Path file, String hint) throws IOException {
        String password = hint + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        String auth = Base64.getEncoder().encodeToString(("robot:" + password).getBytes(StandardCharsets.UTF_8));
        String config = "{\"auths\":{\"registry.example.com\":{\"auth\":\"" + auth + "\"}}}";
        Files.createDirectories(file.getParent());
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, config);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** When each copy was first seen carrying each digest, by watches on every cluster. */
    private static final class Copies implements AutoCloseable {

        private final Map<String, Map<String, Long>> byDigest = new ConcurrentHashMap<>();
        private final List<Watch> watches = new ArrayList<>();

        static Copies follow(SimulatedFleet fleet) {
            Copies copies = new Copies();
            for (SimulatedCluster cluster : fleet.clusters()) {
                copies.watches.add(cluster.client().secrets().inAnyNamespace().watch(copies.watcher(cluster.name())));
            }
            return copies;
        }

        Set<String> digests() {
            return Set.copyOf(byDigest.keySet());
        }

        /** {@code cluster/namespace} to when its copy first carried {@code digest} (System.nanoTime). */
        Map<String, Long> carrying(String digest) {
            return new HashMap<>(byDigest.getOrDefault(digest, Map.of()));
        }

        private Watcher<Secret> watcher(String cluster) {
            return new Watcher<>() {
                @Override
                public void eventReceived(Action action, Secret secret) {
                    long at = System.nanoTime();
                    Map<String, String> annotations = secret.getMetadata().getAnnotations();
                    if (action == Action.DELETED || !COPY.equals(secret.getMetadata().getName())
                            || annotations == null || annotations.get(SEED_DIGEST) == null) {
                        return;
                    }
                    byDigest.computeIfAbsent(annotations.get(SEED_DIGEST), digest -> new ConcurrentHashMap<>())
                            .putIfAbsent(cluster + "/" + secret.getMetadata().getNamespace(), at);
                }

                @Override
                public void onClose(WatcherException cause) {
                    // The fleet closes with the benchmark.
                }
            };
        }

        @Override
        public void close() {
            watches.forEach(Watch::close);
        }
    }
}
