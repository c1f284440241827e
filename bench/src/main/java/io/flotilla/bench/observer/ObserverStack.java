package io.flotilla.bench.observer;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.embedded.postgres.PostgresServer;
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
 * What the observer benchmark runs on: a Kafka broker and the observer, each its own process as the local stack
 * runs them, and PostgreSQL. The simulated clusters live in the benchmark's own process, so the observer's memory
 * is its own. The processes are written down as a stack, so {@link LocalStack#down} stops what a failed run left.
 */
public final class ObserverStack implements AutoCloseable {

    private static final String KAFKA_MAIN = "io.flotilla.embedded.kafka.KafkaBrokerMain";
    private static final String DATABASE = "flotilla_bench_observer";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final Path stateDir;
    private final PrintStream out;
    private final String bootstrap;
    private final Endpoint observer;
    private final long observerPid;

    private ObserverStack(Path stateDir, PrintStream out, String bootstrap, Endpoint observer, long observerPid) {
        this.stateDir = stateDir;
        this.out = out;
        this.bootstrap = bootstrap;
        this.observer = observer;
        this.observerPid = observerPid;
    }

    /**
     * Starts Kafka and the observer watching the clusters of {@code kubeconfig}.
     *
     * @param observerJvm the observer's JVM options (heap, collector)
     */
    public static ObserverStack start(Path home, Path stateDir, Path kubeconfig, List<String> observerJvm,
            PrintStream out) throws IOException, InterruptedException {
        Path logs = stateDir.resolve("logs");
        Path kafkaData = stateDir.resolve("data").resolve("kafka");
        Folders.deleteRecursively(kafkaData);
        int kafkaPort = LocalPorts.free();
        String classPath = home.resolve("launcher/target/classes") + File.pathSeparator + home.resolve("launcher/target/lib") + "/*";
        ChildProcess kafka = ChildProcess.start("kafka", ChildProcess.java(List.of("-Xmx512m", "-XX:+UseSerialGC"),
                classPath, KAFKA_MAIN, List.of("--data-dir", kafkaData.toString(), "--port", Integer.toString(kafkaPort))),
                Map.of(), logs.resolve("kafka.log"), home);
        List<StackState.Member> members = new ArrayList<>(List.of(new StackState.Member("kafka", kafka.pid(), kafkaPort, true)));
        PostgresServer postgres = PostgresServer.locate(System.getenv(),
                () -> PostgresServer.embedded(stateDir.resolve("data").resolve("postgres"), 0));
        postgres.dropDatabase(DATABASE).createDatabase(DATABASE);
        String bootstrap = kafka.awaitLine("KAFKA READY", START_TIMEOUT);

        int port = LocalPorts.free();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(observerJvm);
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dflotilla.clusters.kubeconfig=" + kubeconfig,
                "-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(DATABASE),
                "-Dquarkus.datasource.username=" + postgres.username(),
                "-jar", Service.OBSERVER.application(home).toString()));
        String token = StackAdminToken.of(stateDir);
        command.addAll(command.size() - 2, StackAdminToken.serviceProperties(token));
        Map<String, String> environment = new HashMap<>();
        environment.put(StackSecretKeys.VARIABLE, StackSecretKeys.of(stateDir).toString());
        if (!postgres.password().isEmpty()) {
            environment.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        }
        ChildProcess observer = ChildProcess.start("observer", command, environment, logs.resolve("observer.log"), home);
        members.add(new StackState.Member("observer", observer.pid(), port, false));
        String observerUrl = "http://localhost:" + port;
        new StackState(null, null, bootstrap, postgres.reactiveUrl(DATABASE), kubeconfig, observerUrl, null, members, null,
                null, stateDir.resolve(StackAdminToken.FILE))
                .write(stateDir);
        observer.awaitReady(port, START_TIMEOUT);
        out.printf("observer ready at %s (pid %d), Kafka at %s%n", observerUrl, observer.pid(), bootstrap);
        return new ObserverStack(stateDir, out, bootstrap, new Endpoint(observerUrl, token), observer.pid());
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** Where the observer answers, with the token it accepts. */
    public Endpoint observer() {
        return observer;
    }

    /** The observer's resident memory now and at its peak, in MiB, from {@code /proc/PID/status}. */
    public long[] observerRssMb() {
        long rss = 0;
        long peak = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(observerPid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                } else if (line.startsWith("VmHWM:")) {
                    peak = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            throw new StackException("cannot read the memory of the observer (pid " + observerPid + "): " + e.getMessage(), e);
        }
        return new long[] { rss, peak };
    }

    @Override
    public void close() {
        LocalStack.down(stateDir, out);
    }
}
