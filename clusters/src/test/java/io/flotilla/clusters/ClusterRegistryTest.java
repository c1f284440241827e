package io.flotilla.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.flotilla.clusters.ClusterRegistry;
import io.flotilla.events.ClusterRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterRegistryTest {

    @TempDir
    Path dir;

    @Test
    void everyContextIsAClusterWithItsLabels() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: dev
                  cluster: {server: "http://localhost:1"}
                contexts:
                - name: dev
                  context:
                    cluster: dev
                    user: flotilla
                    extensions:
                    - name: flotilla.io/labels
                      extension: {env: dev, region: eu}
                - name: lab
                  context: {cluster: dev, user: flotilla}
                users:
                - name: flotilla
                  user: {}
                """);

        assertThat(ClusterRegistry.read(kubeconfig)).containsExactly(
                new ClusterRef("dev", Map.of("env", "dev", "region", "eu")),
                new ClusterRef("lab", Map.of()));
    }

    @Test
    void aMissingFileNamesTheFile() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> ClusterRegistry.read(missing)).hasMessageContaining(missing.toString());
    }
}
