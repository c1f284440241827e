package io.flotilla.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.flotilla.events.ClusterRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigClustersTest {

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

        assertThat(KubeconfigClusters.read(kubeconfig)).containsExactly(
                new ClusterRef("dev", Map.of("env", "dev", "region", "eu")),
                new ClusterRef("lab", Map.of()));
    }

    @Test
    void aMissingFileNamesTheFile() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> KubeconfigClusters.read(missing)).hasMessageContaining(missing.toString());
    }

    @Test
    void aContextRegisteredAloneCarriesItsClusterUserAndFilesInline() throws Exception {
        Files.writeString(dir.resolve("ca.crt"), "CA");
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                current-context: admin@eks
                clusters:
                - name: eks
                  cluster: {server: "https://eks.example:6443", certificate-authority: ca.crt}
                - name: other
                  cluster: {server: "https://other.example"}
                contexts:
                - name: admin@eks
                  context: {cluster: eks, user: admin, namespace: apps}
                users:
                - name: admin
                  user: {token: t0ken}
                """);

        RegisteredCluster cluster = KubeconfigClusters.registration(kubeconfig, null, "eu-3", Map.of("env", "prod"),
                "api", java.time.Instant.EPOCH);

        assertThat(cluster.server()).isEqualTo("https://eks.example:6443");
        assertThat(cluster.kubeconfig()).contains("current-context: \"eu-3\"").contains("certificate-authority-data: \"Q0E=\"")
                .contains("token: \"t0ken\"").doesNotContain("other.example").doesNotContain("ca.crt");
        assertThatThrownBy(() -> KubeconfigClusters.registration(kubeconfig, "nope", "x", Map.of(), "api",
                java.time.Instant.EPOCH)).hasMessageContaining("has no context nope");
    }
}
