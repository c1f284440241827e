package io.flotilla.launcher.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.embedded.postgres.PostgresServer;
import io.flotilla.launcher.fleet.ExampleFleet;

/**
 * The whole of Flotilla on one machine: a Kafka broker, PostgreSQL, simulated clusters (unless a
 * kubeconfig names real ones) and every service, each its own process. {@link #up} returns once all
 * of them are ready and leaves them running; {@link #down} stops what {@code up} started. A service may run as
 * several instances ({@link StackOptions#instances}), as the pods of one Deployment: same configuration and consumer
 * groups, each its own port, log ({@code logs/applier-2.log}) and working folder. The services share the
 * stack's key ring ({@link StackSecretKeys}, and the credentials key of a stack made before it,
 * {@link StackCredentialsKey}) and accept its admin token ({@link StackAdminToken}); spare simulated clusters,
 * registered nowhere, wait in
 * {@value #SPARE_KUBECONFIG} for {@code flotilla cluster add} when asked for.
 */
public final class LocalStack {

    private static final String KAFKA_MAIN = "io.flotilla.embedded.kafka.KafkaBrokerMain";
    private static final String CLUSTERS_MAIN = "io.flotilla.embedded.clusters.SimulatedClustersMain";
    private static final java.util.Set<String> INFRASTRUCTURE = java.util.Set.of("kafka", "clusters",
            "spare-clusters", "postgres");
    /** Where {@code --spare-clusters} writes the kubeconfig of clusters no one has registered. */
    public static final String SPARE_KUBECONFIG = "spare-kubeconfig";
    private static final String POSTGRES_MAIN = "io.flotilla.embedded.postgres.PostgresServerMain";
    private static final Duration INFRASTRUCTURE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Every service's JVM: a small serial heap that gives memory back soon after a peak (the free-ratio flags), so
     * a stack of six services fits a small machine; and the client compiler only ({@code TieredStopAtLevel=1}). The
     * server compiler took more CPU than any of Flotilla's own threads in the first minutes after a start (in a
     * cold sync of 1,000 releases: the observer 32 of 70 CPU-seconds, the applier 23 of 54), and its code, ready late,
     * did not pay that back; with the client compiler alone the same cold sync used 44 and 37, and each service
     * about 50 MB less (docs/sizing.md).
     */
    public static final List<String> SERVICE_JVM = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx384m", "-Xss512k",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:TieredStopAtLevel=1");

    private final StackOptions options;
    private final PrintStream out;
    private final List<StackState.Member> members = new ArrayList<>();

    private LocalStack(StackOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static StackState up(StackOptions options, PrintStream out) {
        StackState.read(options.stateDir()).filter(StackState::anyAlive).ifPresent(running -> {
            throw new StackException("Flotilla is already running from " + options.stateDir()
                    + " (observer at " + running.observerUrl() + "); run './flotilla down' first");
        });
        LocalStack stack = new LocalStack(options, out);
        try {
            return stack.start();
        } catch (RuntimeException | IOException e) {
            stack.stopStarted();
            throw e instanceof StackException se ? se : new StackException(e.getMessage(), e);
        } catch (InterruptedException e) {
            stack.stopStarted();
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while starting", e);
        }
    }

    /** Stops every process of the stack described in {@code stateDir}; false when none was running. */
    public static boolean down(Path stateDir, PrintStream out) {
        StackState state = StackState.read(stateDir).orElse(null);
        if (state == null) {
            return false;
        }
        stopInOrder(state.members(), out);
        try {
            Files.deleteIfExists(StackState.file(stateDir));
        } catch (IOException e) {
            throw new StackException("cannot delete " + StackState.file(stateDir) + ": " + e.getMessage(), e);
        }
        return true;
    }

    /** Asks every member to stop at once, then waits for each; one that will not stop is killed. */
    private static void stop(List<StackState.Member> members, PrintStream out) {
        members.forEach(member -> ProcessHandle.of(member.pid()).ifPresent(ProcessHandle::destroy));
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (StackState.Member member : members) {
            while (member.alive() && System.nanoTime() < deadline) {
                sleep(100);
            }
            if (member.alive()) {
                ProcessHandle.of(member.pid()).ifPresent(ProcessHandle::destroyForcibly);
                out.printf("  %-20s killed (it did not stop within %d s)%n", member.name(), STOP_TIMEOUT.toSeconds());
            } else {
                out.printf("  %-20s stopped%n", member.name());
            }
        }
        for (StackState.Member member : members) {
            long portDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (member.port() > 0 && !LocalPorts.canBind(member.port()) && System.nanoTime() < portDeadline) {
                sleep(100);
            }
        }
    }

    private StackState start() throws IOException, InterruptedException {
        checkPackaged();
        Path logs = options.stateDir().resolve("logs");
        Files.createDirectories(logs);
        out.println("Starting Flotilla in " + options.stateDir() + " (logs in " + logs + ")");

        Map<Service, Integer> ports = servicePorts();
        int kafkaPort = options.dynamicPorts() ? LocalPorts.free() : requireFree(9092, "the Kafka broker");

        long t0 = System.nanoTime();
        Path kafkaData = options.stateDir().resolve("data").resolve("kafka");
        Folders.deleteRecursively(kafkaData);
        ChildProcess kafka = launch("kafka", ChildProcess.java(List.of("-Xmx512m", "-XX:+UseSerialGC"), classPath(),
                KAFKA_MAIN, List.of("--data-dir", kafkaData.toString(), "--port", Integer.toString(kafkaPort))), kafkaPort);

        Path kubeconfig = options.stateDir().resolve("kubeconfig");
        ChildProcess clusters = null;
        if (options.simulated()) {
            List<String> args = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString()));
            options.simulatedClusters().forEach((name, labels) -> {
                args.add("--cluster");
                args.add(name + (labels.isEmpty() ? "" : ":" + labels.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","))));
            });
            clusters = launch("clusters", ChildProcess.java(List.of(simulatedClustersHeap(
                    options.simulatedClusters().size()), "-XX:+UseSerialGC"), classPath(), CLUSTERS_MAIN, args), 0);
        } else {
            KubeconfigSelection.write(options.kubeconfig(), options.contexts(), kubeconfig);
        }
        Path spareKubeconfig = options.spareClusters() > 0 ? options.stateDir().resolve(SPARE_KUBECONFIG) : null;
        ChildProcess spares = null;
        if (spareKubeconfig != null) {
            List<String> args = new ArrayList<>(List.of("--kubeconfig", spareKubeconfig.toString()));
            options.spareClusterNames().forEach(name -> args.addAll(List.of("--cluster", name)));
            spares = launch("spare-clusters", ChildProcess.java(List.of(simulatedClustersHeap(
                    options.spareClusters()), "-XX:+UseSerialGC"), classPath(), CLUSTERS_MAIN, args), 0);
        }

        StackDatabase database = database(options.database(), options.simulated());
        step("PostgreSQL", database.reactiveUrl(), t0);

        String bootstrap = kafka.awaitLine("KAFKA READY", INFRASTRUCTURE_TIMEOUT);
        step("Kafka broker (KRaft)", bootstrap, t0);
        if (clusters != null) {
            clusters.awaitLine("CLUSTERS READY", INFRASTRUCTURE_TIMEOUT);
            step("Simulated clusters", String.join(", ", options.simulatedClusters().keySet()), t0);
        } else {
            step("Clusters", kubeconfig.toString(), t0);
        }
        if (spares != null) {
            spares.awaitLine("CLUSTERS READY", INFRASTRUCTURE_TIMEOUT);
            step("Spare clusters", String.join(", ", options.spareClusterNames()) + " (not registered)", t0);
        }

        String repository = options.repository() != null ? options.repository()
                : ExampleFleet.prepare(options.home().resolve("examples").resolve("fleet"),
                        options.stateDir().resolve("fleet")).toString();

        Optional<String> earlierCredentialsKey = StackCredentialsKey.earlier(options.stateDir());
        String webhookSecret = StackWebhookSecret.of(options.stateDir());
        Path secretKeys = StackSecretKeys.of(options.stateDir());
        String adminToken = StackAdminToken.of(options.stateDir());
        List<Instance> started = new ArrayList<>();
        for (Service service : options.services()) {
            for (int number = 1; number <= options.instances(service); number++) {
                // The ports file defines one port per service: a second or later instance takes any free one.
                Instance instance = new Instance(service, number, number == 1 ? ports.get(service) : LocalPorts.free());
                List<String> jvm = new ArrayList<>(SERVICE_JVM);
                jvm.addAll(serviceConfig(instance, ports, bootstrap, kubeconfig, database, repository));
                jvm.addAll(StackAdminToken.serviceProperties(adminToken));
                jvm.add("-jar");
                jvm.add(service.application(options.home()).toString());
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(jvm);
                Map<String, String> environment = new HashMap<>(Map.of(StackSecretKeys.VARIABLE,
                        secretKeys.toString()));
                earlierCredentialsKey.ifPresent(key -> environment.put(StackCredentialsKey.VARIABLE, key));
                if (service == Service.GIT_WATCHER) {
                    environment.put(StackWebhookSecret.VARIABLE, webhookSecret);
                }
                if (service.usesDatabase() && !database.password().isEmpty()) {
                    environment.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
                }
                if (service == Service.IMAGE_UPDATER && !database.password().isEmpty()) {
                    environment.put("FLOTILLA_IMAGES_PUSH_NOTICES_PASSWORD", database.password());
                }
                instance.process = launch(instance.name(), command, environment, instance.port);
                started.add(instance);
            }
        }
        for (Instance instance : started) {
            instance.process.awaitReady(instance.port, SERVICE_TIMEOUT);
            step(instance.name(), "http://localhost:" + instance.port, t0);
        }

        StackState state = new StackState(repository, options.branch(), bootstrap,
                database.reactiveUrl(), kubeconfig,
                "http://localhost:" + ports.get(Service.OBSERVER),
                "http://localhost:" + ports.get(Service.GIT_WATCHER), List.copyOf(members), spareKubeconfig,
                options.stateDir().resolve(StackWebhookSecret.FILE), options.stateDir().resolve(StackAdminToken.FILE));
        state.write(options.stateDir());
        return state;
    }

    private List<String> serviceConfig(Instance instance, Map<Service, Integer> ports, String bootstrap,
            Path kubeconfig, StackDatabase database, String repository) {
        Service service = instance.service;
        List<String> config = new ArrayList<>(List.of(
                "-Dquarkus.http.port=" + instance.port,
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dflotilla.clusters.kubeconfig=" + kubeconfig,
                // A local stack is its user's own: sources and charts they name may be on this machine's disk and
                // servers. A deployment keeps the default, https and ssh to public addresses.
                "-Dflotilla.outbound.schemes=https,http,ssh,git,file",
                "-Dflotilla.outbound.private-addresses=true"));
        if (service.usesDatabase()) {
            config.add("-Dquarkus.datasource.reactive.url=" + database.reactiveUrl());
            config.add("-Dquarkus.datasource.username=" + database.user());
        }
        Path work = options.stateDir().resolve("work").resolve(instance.name());
        switch (service) {
            case GIT_WATCHER -> {
                config.add("-Dflotilla.git.repository=" + repository);
                config.add("-Dflotilla.git.branch=" + options.branch());
                config.add("-Dflotilla.git.work-dir=" + work);
                config.add("-Dflotilla.git.poll-interval=" + Math.max(1, options.pollInterval().toSeconds()) + "s");
            }
            case RENDERER -> config.add("-Dflotilla.renderer.work-dir=" + work);
            case IMAGE_UPDATER -> {
                config.add("-Dflotilla.images.work-dir=" + work);
                // Registry webhooks pass between instances through the stack's PostgreSQL (LISTEN/NOTIFY only).
                config.add("-Dflotilla.images.push-notices.url=" + database.reactiveUrl());
                config.add("-Dflotilla.images.push-notices.username=" + database.user());
            }
            case OBSERVER -> {
                if (ports.containsKey(Service.APPLIER)) {
                    config.add("-Dflotilla.applier.url=http://localhost:" + ports.get(Service.APPLIER));
                }
                if (ports.containsKey(Service.IMAGE_UPDATER)) {
                    config.add("-Dflotilla.images.automations-url=http://localhost:" + ports.get(Service.IMAGE_UPDATER)
                            + "/api/automations");
                }
            }
            default -> {
            }
        }
        options.serviceProperties().getOrDefault(service, Map.of())
                .forEach((name, value) -> config.add("-D" + name + "=" + value));
        return config;
    }

    /**
     * The configured or local PostgreSQL, used from here; else an embedded one, which must outlive this
     * launcher and so runs as a process of the stack.
     */
    private StackDatabase database(String name, boolean fresh) throws IOException, InterruptedException {
        PostgresServer server;
        try {
            server = PostgresServer.locate(System.getenv(), () -> {
                throw new IllegalStateException("no PostgreSQL server answers");
            });
        } catch (IllegalStateException none) {
            if (System.getenv(PostgresServer.URL_VARIABLE) != null) {
                throw new StackException(none.getMessage(), none);
            }
            ChildProcess postgres = launch("postgres", ChildProcess.java(List.of("-Xmx128m"), classPath(), POSTGRES_MAIN,
                    List.of("--data-dir", options.stateDir().resolve("data").resolve("postgres").toString(),
                            "--database", name)), 0);
            String[] ready = postgres.awaitLine("POSTGRES READY", INFRASTRUCTURE_TIMEOUT).split(" ");
            return new StackDatabase(ready[0], ready[1], "");
        }
        if (fresh) {
            server.dropDatabase(name);
        }
        server.createDatabase(name);
        return new StackDatabase(server.reactiveUrl(name), server.username(), server.password());
    }

    private ChildProcess launch(String name, List<String> command, int port) throws IOException {
        return launch(name, command, Map.of(), port);
    }

    /** Starts a process of the stack; secrets go in {@code environment}, where other users' {@code ps} cannot read them. */
    private ChildProcess launch(String name, List<String> command, Map<String, String> environment, int port)
            throws IOException {
        ChildProcess child = ChildProcess.start(name, command, environment,
                options.stateDir().resolve("logs").resolve(name + ".log"), options.home());
        members.add(new StackState.Member(name, child.pid(), port, INFRASTRUCTURE.contains(name)));
        return child;
    }

    private Map<Service, Integer> servicePorts() {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        // Every service has its port, started or not, so the stack's addresses are whole.
        if (options.dynamicPorts()) {
            for (Service service : Service.values()) {
                ports.put(service, LocalPorts.free());
            }
            return ports;
        }
        ServicePorts defined = ServicePorts.read(options.home());
        for (Service service : Service.values()) {
            int port = service == Service.OBSERVER && options.observerPort() > 0 ? options.observerPort()
                    : defined.of(service);
            ports.put(service, requireFree(port, service.module()));
        }
        return ports;
    }

    private static int requireFree(int port, String what) {
        if (!LocalPorts.canBind(port)) {
            throw new StackException("port " + port + " for " + what + " is taken by another program");
        }
        return port;
    }

    private void checkPackaged() {
        for (Service service : options.services()) {
            if (!Files.exists(service.application(options.home()))) {
                throw new StackException(service.application(options.home()) + " is missing: build with "
                        + "'./mvnw -B package -DskipTests' (./flotilla does this when it finds nothing built)");
            }
        }
    }

    /** The launcher's classes and libraries, for the infrastructure processes it starts. */
    /**
     * The heap of the process that serves {@code count} simulated clusters. A cluster keeps every object it holds in
     * memory, Helm's release records (Secrets of tens of kilobytes) most of it: about 30 MB for a cluster of 1,000
     * releases. One fixed heap for any count left a fleet of 10 such clusters collecting garbage instead of answering,
     * and a part of its releases Unreachable.
     */
    static String simulatedClustersHeap(int count) {
        return "-Xmx" + (256 + 96 * Math.max(0, count - 1)) + "m";
    }

    private String classPath() {
        Path target = options.home().resolve("launcher").resolve("target");
        return target.resolve("classes") + java.io.File.pathSeparator + target.resolve("lib") + "/*";
    }

    /**
     * One process of a service: the first is named as the service ({@code applier}), further ones get their number
     * ({@code applier-2}), which also names their log and working folder.
     */
    private static final class Instance {
        private final Service service;
        private final int number;
        private final int port;
        private ChildProcess process;

        private Instance(Service service, int number, int port) {
            this.service = service;
            this.number = number;
            this.port = port;
        }

        private String name() {
            return number == 1 ? service.module() : service.module() + "-" + number;
        }
    }

    private void step(String what, String detail, long t0) {
        out.printf("  ✓ %-22s %-40s %5.1fs%n", what, detail, (System.nanoTime() - t0) / 1e9);
    }

    private void stopStarted() {
        stopInOrder(members, out);
    }

    private static void stopInOrder(List<StackState.Member> members, PrintStream out) {
        stop(members.stream().filter(m -> !m.infrastructure()).toList(), out);
        stop(members.stream().filter(StackState.Member::infrastructure).toList(), out);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
