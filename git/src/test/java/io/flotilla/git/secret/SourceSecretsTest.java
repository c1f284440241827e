package io.flotilla.git.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.flotilla.embedded.clusters.SimulatedFleet;

/** Secrets named as Flux's secretRefs name them, found in a folder of files or in the cluster Flotilla runs in. */
class SourceSecretsTest {

    private static final SecretRef CHARTS_AUTH = new SecretRef("flux-system", "charts-auth");

    @TempDir
    Path temp;

    @Test
    void readsASecretFromTheClusterFlotillaRunsInAndPrefersTheFolderOfTheConfiguration() throws IOException {
        try (SimulatedFleet home = SimulatedFleet.start(Map.of("home", Map.of()))) {
            var client = home.cluster("home").client();
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flux-system")
                    .endMetadata().build()).create();
            client.secrets().inNamespace("flux-system").resource(new SecretBuilder().withNewMetadata()
                    .withName("charts-auth").endMetadata()
                    .withData(Map.of("username", "ZmxlZXQ=", "password", "czNjcmV0")).build()).create();
            Path kubeconfig = home.writeKubeconfig(temp.resolve("home-kubeconfig"));

            try (SourceSecrets cluster = SourceSecrets.configured(null, true, kubeconfig)) {
                SourceSecret secret = cluster.find(CHARTS_AUTH).orElseThrow();
                assertThat(secret.text("username")).hasValue("fleet");
                assertThat(secret.text("password")).hasValue("s3cret");
                assertThat(secret.where()).isEqualTo("the cluster Flotilla runs in");
                assertThat(secret.toString()).doesNotContain("s3cret");
                assertThat(cluster.find(new SecretRef("flux-system", "other"))).isEmpty();
            }

            Path folder = temp.resolve("secrets");
            Files.createDirectories(folder.resolve("flux-system/charts-auth"));
            Files.writeString(folder.resolve("flux-system/charts-auth/username"), "from-the-folder");
            try (SourceSecrets both = SourceSecrets.configured(folder, true, kubeconfig)) {
                assertThat(both.find(CHARTS_AUTH).orElseThrow().text("username")).hasValue("from-the-folder");
                assertThatThrownBy(() -> both.require(new SecretRef("flux-system", "other"), "HelmRepository x/y"))
                        .isInstanceOf(SourceSecretException.class)
                        .hasMessage("HelmRepository x/y: Secret flux-system/other is not in the folder " + folder
                                + " nor the cluster Flotilla runs in");
            }
        }
    }

    @Test
    void aFolderMountedAsKubernetesMountsASecretGivesEachFileAsAKeyAndSkipsItsBookkeeping() throws IOException {
        Path secret = Files.createDirectories(temp.resolve("flux-system/charts-auth"));
        Files.createDirectories(secret.resolve("..2026_12_06_10_00_00.1"));
        Files.write(secret.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n".getBytes(StandardCharsets.UTF_8));
        Files.writeString(secret.resolve("..data"), "bookkeeping");

        SourceSecret read = new SecretFolder(temp).find(CHARTS_AUTH).orElseThrow();

        assertThat(read.has("ca.crt")).isTrue();
        assertThat(read.toString()).isEqualTo("Secret flux-system/charts-auth (keys [ca.crt], from the folder "
                + temp + ")");
    }

    @Test
    void noStoreConfiguredSaysWhereSecretsCouldComeFrom() {
        assertThatThrownBy(() -> SourceSecrets.none().require(CHARTS_AUTH, "GitRepository flux-system/fleet"))
                .hasMessage("GitRepository flux-system/fleet: Secret flux-system/charts-auth is not in any place"
                        + " Flotilla reads Secrets from (set flotilla.source-secrets.folder or"
                        + " flotilla.source-secrets.home-cluster)");
    }

    @Test
    void aSecretRefIsWrittenNamespaceSlashName() {
        assertThat(SecretRef.parse("flux-system/charts-auth")).isEqualTo(CHARTS_AUTH);
        assertThatThrownBy(() -> SecretRef.parse("charts-auth"))
                .hasMessage("'charts-auth' does not name a Secret: write namespace/name");
    }
}
