package io.flotilla.testing.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.flotilla.testing.infrastructure.Infrastructure.Choice;
import io.flotilla.testing.infrastructure.Infrastructure.Decision;

class InfrastructureTest {

    private static final BooleanSupplier NOT_ASKED = () -> {
        throw new AssertionError("the Docker engine was asked where there is none");
    };

    @Test
    void withoutADockerSocketTheRunTakesTheEmbeddedOnesAndSaysWhy() {
        Decision decision = Infrastructure.decide(null, Map.of("HOME", "/home/dev"), path -> false, NOT_ASKED);

        assertThat(decision.choice()).isEqualTo(Choice.EMBEDDED);
        assertThat(decision.describe()).isEqualTo("the embedded Kafka broker and the local or embedded PostgreSQL: "
                + "no Docker engine (DOCKER_HOST unset, no socket at [/var/run/docker.sock, "
                + "/home/dev/.docker/run/docker.sock])");
    }

    @Test
    void aDockerEngineThatAnswersGivesContainers() {
        Decision bySocket = Infrastructure.decide("auto", Map.of(),
                path -> path.equals(Path.of("/var/run/docker.sock")), () -> true);
        Decision byHost = Infrastructure.decide("auto", Map.of("DOCKER_HOST", "tcp://ci:2375"), path -> false,
                () -> true);

        assertThat(bySocket).isEqualTo(new Decision(Choice.CONTAINERS, "a Docker engine answers at /var/run/docker.sock"));
        assertThat(bySocket.describe()).startsWith("Kafka (apache/kafka:4.1.1) and PostgreSQL (postgres:15) in "
                + "containers (Testcontainers)");
        assertThat(byHost).isEqualTo(new Decision(Choice.CONTAINERS, "a Docker engine answers at DOCKER_HOST=tcp://ci:2375"));
    }

    @Test
    void aSocketWhoseEngineDoesNotAnswerGivesTheEmbeddedOnes() {
        assertThat(Infrastructure.decide("auto", Map.of(), path -> true, () -> false))
                .isEqualTo(new Decision(Choice.EMBEDDED, "no Docker engine answers at /var/run/docker.sock"));
    }

    @Test
    void theSwitchCanBeForcedAndAMistakeInItIsNamed() {
        assertThat(Infrastructure.decide("embedded", Map.of(), path -> true, NOT_ASKED).choice())
                .isEqualTo(Choice.EMBEDDED);
        assertThatThrownBy(() -> Infrastructure.decide("containers", Map.of(), path -> false, () -> false))
                .hasMessageStartingWith("flotilla.test.infrastructure=containers, but no Docker engine answers");
        assertThatThrownBy(() -> Infrastructure.decide("docker", Map.of(), path -> false, NOT_ASKED))
                .hasMessage("flotilla.test.infrastructure='docker': say auto, containers or embedded");
    }

    @Test
    void thisRunDecidedAtItsStartForTheEmbeddedOnesWhereThereIsNoDocker() {
        assumeThat(System.getenv("DOCKER_HOST")).as("no DOCKER_HOST here").isNull();
        assumeThat(Files.exists(Path.of("/var/run/docker.sock"))).as("no Docker socket here").isFalse();

        Decision decision = Infrastructure.prepare();

        assertThat(decision.choice()).isEqualTo(Choice.EMBEDDED);
        assertThat(decision.reason()).startsWith("no Docker engine (DOCKER_HOST unset");
    }
}
