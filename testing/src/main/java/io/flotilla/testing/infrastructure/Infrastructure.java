package io.flotilla.testing.infrastructure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.flotilla.embedded.kafka.KafkaBroker;
import io.flotilla.embedded.postgres.PostgresServer;

/**
 * The one switch that decides where a test run's Kafka and PostgreSQL come from: real ones in containers through
 * Testcontainers where a Docker engine answers (a laptop, a CI runner with Docker), else the embedded Kafka broker and
 * the local or embedded PostgreSQL ({@link KafkaBroker#shared()}, {@link PostgresServer#shared()}). Decided once per
 * test JVM, at the start of the run ({@link InfrastructureAtLaunch}), and logged with its reason. The containers, when
 * chosen, are handed to every test through the properties {@link KafkaBroker#shared()} and
 * {@link PostgresServer#shared()} read first, so tests and the services they start as processes all use them.
 * {@value #PROPERTY} ({@code auto}, the default; {@code containers}; {@code embedded}) overrides the decision.
 */
public final class Infrastructure {

    public static final String PROPERTY = "flotilla.test.infrastructure";
    /** The images docker-compose.yml runs too. */
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String POSTGRES_IMAGE = "postgres:15";
    /** Where a Docker engine's socket is found when {@code DOCKER_HOST} does not say. */
    static final List<String> SOCKETS = List.of("/var/run/docker.sock", "${XDG_RUNTIME_DIR}/docker.sock",
            "${HOME}/.docker/run/docker.sock");

    private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);
    private static Decision decided;

    private Infrastructure() {
    }

    /** Where Kafka and PostgreSQL come from. */
    public enum Choice {
        CONTAINERS, EMBEDDED
    }

    /** What was chosen and why. */
    public record Decision(Choice choice, String reason) {
        /** The line the run logs at its start. */
        public String describe() {
            return (choice == Choice.CONTAINERS
                    ? "Kafka (" + KAFKA_IMAGE + ") and PostgreSQL (" + POSTGRES_IMAGE + ") in containers (Testcontainers)"
                    : "the embedded Kafka broker and the local or embedded PostgreSQL") + ": " + reason;
        }
    }

    /**
     * The decision for {@code asked} ({@value #PROPERTY}; null is {@code auto}): containers when asked for, or when
     * {@code DOCKER_HOST} is set or a Docker socket exists and {@code engineAnswers}; else embedded.
     *
     * @param environment   the process environment ({@code DOCKER_HOST}, {@code HOME}, {@code XDG_RUNTIME_DIR})
     * @param exists        whether a file exists (a socket)
     * @param engineAnswers whether the Docker engine found answers (asked only where one may be)
     */
    public static Decision decide(String asked, Map<String, String> environment, Predicate<Path> exists,
            BooleanSupplier engineAnswers) {
        String mode = asked == null || asked.isBlank() ? "auto" : asked.strip().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "embedded":
                return new Decision(Choice.EMBEDDED, PROPERTY + "=embedded");
            case "containers":
                if (!engineAnswers.getAsBoolean()) {
                    throw new IllegalStateException(PROPERTY + "=containers, but no Docker engine answers (DOCKER_HOST "
                            + environment.getOrDefault("DOCKER_HOST", "unset") + "); start one or run with "
                            + PROPERTY + "=auto");
                }
                return new Decision(Choice.CONTAINERS, PROPERTY + "=containers");
            case "auto":
                break;
            default:
                throw new IllegalStateException(PROPERTY + "='" + asked + "': say auto, containers or embedded");
        }
        String host = environment.get("DOCKER_HOST");
        List<Path> sockets = SOCKETS.stream().map(socket -> expand(socket, environment)).filter(p -> p != null)
                .toList();
        Path socket = sockets.stream().filter(exists).findFirst().orElse(null);
        if (host == null && socket == null) {
            return new Decision(Choice.EMBEDDED, "no Docker engine (DOCKER_HOST unset, no socket at "
                    + sockets.stream().map(Path::toString).toList() + ")");
        }
        String where = host != null ? "DOCKER_HOST=" + host : socket.toString();
        return engineAnswers.getAsBoolean() ? new Decision(Choice.CONTAINERS, "a Docker engine answers at " + where)
                : new Decision(Choice.EMBEDDED, "no Docker engine answers at " + where);
    }

    /**
     * This JVM's decision, made and logged on first call; when it is containers, Kafka and PostgreSQL are started in
     * them here and handed to {@link KafkaBroker#shared()} and {@link PostgresServer#shared()}.
     */
    public static synchronized Decision prepare() {
        if (decided != null) {
            return decided;
        }
        Decision decision = decide(System.getProperty(PROPERTY), System.getenv(), Files::exists,
                () -> DockerClientFactory.instance().isDockerAvailable());
        LOG.info("Test infrastructure: {}", decision.describe());
        if (decision.choice() == Choice.CONTAINERS) {
            startContainers();
        }
        decided = decision;
        return decision;
    }

    /** Started once for the JVM; Testcontainers removes them when it ends. */
    private static void startContainers() {
        if (System.getProperty(KafkaBroker.SHARED_PROPERTY) == null) {
            KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
            kafka.start();
            System.setProperty(KafkaBroker.SHARED_PROPERTY, kafka.getBootstrapServers());
            LOG.info("Kafka in a container at {}", kafka.getBootstrapServers());
        }
        if (System.getProperty(PostgresServer.SHARED_URL_PROPERTY) == null) {
            PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE).withDatabaseName("postgres")
                    .withUsername("postgres").withPassword("postgres");
            postgres.start();
            System.setProperty(PostgresServer.SHARED_URL_PROPERTY, postgres.getJdbcUrl());
            System.setProperty(PostgresServer.SHARED_USER_PROPERTY, postgres.getUsername());
            System.setProperty(PostgresServer.SHARED_PASSWORD_PROPERTY, postgres.getPassword());
            LOG.info("PostgreSQL in a container at {}", postgres.getJdbcUrl());
        }
    }

    private static Path expand(String socket, Map<String, String> environment) {
        String path = socket;
        for (String variable : List.of("XDG_RUNTIME_DIR", "HOME")) {
            String token = "${" + variable + "}";
            if (path.contains(token)) {
                String value = environment.get(variable);
                if (value == null || value.isBlank()) {
                    return null;
                }
                path = path.replace(token, value);
            }
        }
        return Path.of(path);
    }
}
