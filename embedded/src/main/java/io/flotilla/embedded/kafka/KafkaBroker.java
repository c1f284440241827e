package io.flotilla.embedded.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flotilla.embedded.kafka.BrokerLogging;
import io.flotilla.embedded.net.LocalPorts;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real Apache Kafka broker in KRaft mode, one node acting as broker and controller, running in this JVM.
 * It listens on 127.0.0.1 only. Topics are created on first use with {@value #PARTITIONS} partitions, so keyed
 * events spread over partitions as in production; internal topics have a replication factor of 1.
 */
public final class KafkaBroker implements AutoCloseable {

    public static final int PARTITIONS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String HOST = LocalPorts.HOST;
    private static final int NODE_ID = 1;
    private static final int START_ATTEMPTS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Where the shared broker's address is kept, so classes loaded twice (Quarkus tests) still share one; set before
     * the first use, {@link #shared()} takes the broker there (Kafka in a container, see the testing module's
     * infrastructure switch) and starts none.
     */
    public static final String SHARED_PROPERTY = "flotilla.testing.kafka.shared-bootstrap";

    private static KafkaBroker shared;

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private boolean closed;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a broker keeping its data in {@code dataDir} (formatted on first use, kept across restarts) and
     * listening for clients on {@code port}, or on a free port when {@code port} is 0. Returns once the broker
     * accepts clients.
     */
    public static KafkaBroker start(Path dataDir, int port) {
        BrokerLogging.quiet();
        Path dir = dataDir.toAbsolutePath().normalize();
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int clientPort = port == 0 ? LocalPorts.free() : port;
            int controllerPort = LocalPorts.free();
            try {
                return startOnce(dir, clientPort, controllerPort);
            } catch (RuntimeException e) {
                failure = e;
                if (port != 0 && LocalPorts.isListening(port)) {
                    break;
                }
                LOG.warn("Kafka broker did not start on ports {}/{} (attempt {} of {}): {}",
                        clientPort, controllerPort, attempt, START_ATTEMPTS, e.getMessage());
            }
        }
        throw new IllegalStateException("cannot start a Kafka broker in " + dir + " on port " + port + ": "
                + failure.getMessage(), failure);
    }

    /**
     * One broker for the whole JVM, started on first use with its data in a temp folder; a shutdown hook stops it
     * and removes the folder.
     */
    public static synchronized KafkaBroker shared() {
        if (shared != null) {
            return shared;
        }
        String running = System.getProperty(SHARED_PROPERTY);
        if (running != null) {
            shared = new KafkaBroker(null, running);
            return shared;
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("flotilla-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the shared Kafka broker", e);
        }
        KafkaBroker broker = start(dir, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.shutDown();
            deleteQuietly(dir);
        }, "flotilla-kafka-shutdown"));
        System.setProperty(SHARED_PROPERTY, broker.bootstrapServers());
        shared = broker;
        return broker;
    }

    /** The address clients connect to, {@code 127.0.0.1:port}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Stops the broker cleanly and frees its port. Closing the shared broker does nothing: other tests of the JVM
     * use it, and its shutdown hook stops it.
     */
    @Override
    public void close() {
        if (this != shared) {
            shutDown();
        }
    }

    private synchronized void shutDown() {
        if (closed || server == null) {
            return;
        }
        closed = true;
        stop(server);
        LOG.info("Kafka broker at {} stopped", bootstrapServers);
    }

    /**
     * The broker instantiates some of its parts by name through the thread's context class loader. Under a Quarkus
     * test that loader holds a second copy of the Kafka classes, which do not fit the broker's own; so the broker is
     * built and started, and its threads born, with the loader that holds this class.
     */
    private static KafkaBroker startOnce(Path dir, int clientPort, int controllerPort) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaBroker.class.getClassLoader());
        try {
            return startWithOwnClassLoader(dir, clientPort, controllerPort);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static KafkaBroker startWithOwnClassLoader(Path dir, int clientPort, int controllerPort) {
        KafkaConfig config = KafkaConfig.fromProps(configuration(dir, clientPort, controllerPort), false);
        format(dir, config);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        String bootstrap = HOST + ":" + clientPort;
        try {
            server.startup();
            awaitClients(bootstrap);
        } catch (RuntimeException e) {
            stop(server);
            throw e;
        }
        LOG.info("Kafka broker ready at {} (data in {})", bootstrap, dir);
        return new KafkaBroker(server, bootstrap);
    }

    private static Properties configuration(Path dir, int clientPort, int controllerPort) {
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", dir.toString()),
                Map.entry("num.partitions", String.valueOf(PARTITIONS)),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // The broker shares a machine, often a JVM, with the services: small thread pools and buffers.
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "4"),
                Map.entry("background.threads", "4"),
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024))));
        return props;
    }

    /** Formats the storage once; a restarted broker keeps its cluster id and its topics. */
    private static void format(Path dir, KafkaConfig config) {
        if (Files.exists(dir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return;
        }
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        try {
            Files.createDirectories(dir);
            new Formatter()
                    .setPrintStream(new PrintStream(report, true, StandardCharsets.UTF_8))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(dir.toString())
                    .run();
            LOG.debug("Kafka storage in {}: {}", dir, report.toString(StandardCharsets.UTF_8).strip());
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void awaitClients(String bootstrap) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("Kafka at " + bootstrap + " does not answer clients after "
                                + READY_TIMEOUT.toSeconds() + " s: " + e.getMessage(), e);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka at " + bootstrap, e);
        }
    }

    private static void stop(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka broker did not shut down cleanly: {}", e.toString());
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot remove {}: {}", dir, e.toString());
        }
    }
}
