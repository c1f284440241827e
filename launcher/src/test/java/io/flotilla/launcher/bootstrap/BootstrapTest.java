package io.flotilla.launcher.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.launcher.cli.Arguments.UsageException;

class BootstrapTest {

    private static final Path HOME = Path.of(System.getProperty("flotilla.home", "..")).toAbsolutePath().normalize();

    @TempDir
    Path fleet;

    @Test
    void writesTheChartAndAHelmReleaseOfItForTheClusterWithTheInstancesAsked() throws Exception {
        String said = Bootstrap.run(List.of("--fleet", fleet.toString(), "--cluster", "ops", "--kafka",
                "kafka-bootstrap.kafka:9093", "--postgresql", "pg.db:5432/flotilla", "--repository",
                "https://git.example.com/platform/fleet.git", "--instances", "renderer=3"), HOME);

        assertThat(fleet.resolve("charts/flotilla/Chart.yaml")).exists();
        assertThat(fleet.resolve("charts/flotilla/templates/deployments.yaml")).exists();
        assertThat(Files.readString(fleet.resolve("clusters/ops/flotilla-system/namespace.yaml")))
                .contains("kind: Namespace", "name: flotilla-system");
        String release = Files.readString(fleet.resolve("clusters/ops/flotilla-system/flotilla.yaml"));
        assertThat(release).contains("kind: HelmRelease", "chart: charts/flotilla", "name: fleet\n",
                "namespace: flux-system", "bootstrapServers: \"kafka-bootstrap.kafka:9093\"",
                "existingSecret: flotilla-secret-keys",
                "      renderer:\n        replicas: 3\n", "      applier:\n        replicas: 1\n");
        assertThat(release).as("cluster credentials are sealed with the secret keys").doesNotContain("credentialsKey");
        assertThat(said).contains("kubectl -n flotilla-system create secret generic flotilla-secret-keys")
                .doesNotContain("credentials-key");
    }

    @Test
    void whatIsMissingOrWrongIsNamed() {
        assertThatThrownBy(() -> Bootstrap.run(List.of("--fleet", fleet.toString()), HOME))
                .isInstanceOf(UsageException.class).hasMessage("bootstrap needs --cluster");
        assertThatThrownBy(() -> Bootstrap.run(List.of("--fleet", fleet.resolve("none").toString(), "--cluster", "a",
                "--kafka", "k:1", "--postgresql", "p:1/d", "--repository", "r"), HOME))
                .isInstanceOf(UsageException.class).hasMessageContaining("is not a folder");
        assertThatThrownBy(() -> Bootstrap.run(List.of("--fleet", fleet.toString(), "--cluster", "a", "--kafka", "k:1",
                "--postgresql", "p:1/d", "--repository", "r", "--source", "fleet"), HOME))
                .isInstanceOf(UsageException.class).hasMessageContaining("--source takes NAMESPACE/NAME");
    }
}
