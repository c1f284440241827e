package io.flotilla.applier.sops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.flotilla.applier.OneSimulatedCluster;
import io.flotilla.applier.Renders;
import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.apply.ReleaseApply;
import io.flotilla.applier.health.HealthWait;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.sealing.SecretObjects;
import io.flotilla.events.sealing.SopsDigests;
import io.flotilla.events.sealing.SopsObjects;
import io.flotilla.testing.fixtures.TestSecretKeys;
import io.flotilla.testing.sops.AgeCli;
import io.flotilla.testing.sops.SopsWriter;

/**
 * A Secret committed SOPS-encrypted reaches the applier encrypted (and sealed, as every Secret's data) and is applied
 * decrypted, with the age identity of the Secret its Kustomization's {@code decryption.secretRef} names on the
 * cluster, or of Flotilla's configuration; a file that does not decrypt fails its release with nothing of it applied.
 */
class SopsFilesApplyTest {

    private static final String PASSWORD = "from-git-encrypted";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    static Path dir;

    private static OneSimulatedCluster simulated;
    private static AgeCli.KeyPair cluster;
    private static AgeCli.KeyPair flotilla;
    private static ReleaseApply apply;

    @BeforeAll
    static void start() {
        simulated = OneSimulatedCluster.start(dir, OneSimulatedCluster.NOTHING_REMEMBERED);
        cluster = AgeCli.newKeyPair();
        flotilla = AgeCli.newKeyPair();
        apply = new ReleaseApply(simulated.clusters(), new HealthWait(Duration.ofMillis(100)), true,
                OneSimulatedCluster.NOTHING_REMEMBERED, TestSecretKeys.RING,
                new SopsKeys(Optional.of(flotilla.identity()), Optional.empty(),
                TestSecretKeys.RING));
        for (String namespace : List.of("flux-system", "apps")) {
            simulated.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .endMetadata().build()).create();
        }
        simulated.client().secrets().inNamespace("flux-system").resource(new SecretBuilder().withNewMetadata()
                .withName("sops-age").endMetadata().addToData("identity.agekey", Base64.getEncoder().encodeToString(
                        (cluster.identity() + "\n").getBytes(StandardCharsets.UTF_8))).build()).create();
    }

    @AfterAll
    static void stop() {
        simulated.close();
    }

    @Test
    void theClusterGetsTheValueDecryptedWithTheIdentityOfTheDecryptionSecret() {
        ReleaseKey release = new ReleaseKey(OneSimulatedCluster.NAME, "flux-system", "db");
        String file = SopsWriter.encryptSecret(secret("db-credentials"), cluster.recipient());

        ApplyReport report = apply.apply(DesiredRelease.of(Renders.with(Renders.manifests(release, "db-1",
                rendered(file, "clusters/dev/db.sops.yaml")), ReleaseOptions.builder()
                        .decryptionSecret("flux-system/sops-age").build())), List.of(), HookPhase.INSTALL);

        assertThat(report.outcome()).as(String.valueOf(report.error())).isEqualTo(Outcome.Ready);
        Secret applied = simulated.client().secrets().inNamespace("apps").withName("db-credentials").get();
        assertThat(new String(Base64.getDecoder().decode(applied.getData().get("password")), StandardCharsets.UTF_8))
                .isEqualTo(PASSWORD);
        assertThat(applied.getAdditionalProperties()).doesNotContainKey(SopsObjects.METADATA);
        assertThat(applied.getMetadata().getAnnotations().get(SopsDigests.ANNOTATION)).doesNotContain(PASSWORD)
                .isEqualTo(SopsDigests.annotation(Map.of("/stringData/password",
                        SopsDigests.withKeyRing(TestSecretKeys.RING).of("/stringData/password", PASSWORD))));
    }

    @Test
    void flotillasOwnIdentityDecryptsAFileWithoutADecryptionSecret() {
        ReleaseKey release = new ReleaseKey(OneSimulatedCluster.NAME, "apps", "cache");
        String file = SopsWriter.encryptSecret(secret("cache-credentials"), flotilla.recipient());

        ApplyReport report = apply.apply(DesiredRelease.of(Renders.manifests(release, "cache-1",
                rendered(file, "common/cache.sops.yaml"))), List.of(), HookPhase.INSTALL);

        assertThat(report.outcome()).as(String.valueOf(report.error())).isEqualTo(Outcome.Ready);
        assertThat(simulated.client().secrets().inNamespace("apps").withName("cache-credentials").get()
                .getData()).containsKey("password");
    }

    @Test
    void aFileForAKeyNoOneGaveFailsItsReleaseAndNothingOfItIsApplied() {
        ReleaseKey release = new ReleaseKey(OneSimulatedCluster.NAME, "flux-system", "orphan");
        String file = SopsWriter.encryptSecret(secret("orphan-credentials"), AgeCli.newKeyPair().recipient());
        List<Map<String, Object>> objects = new ArrayList<>(List.of(Map.of("apiVersion", "v1",
                "kind", "ConfigMap", "metadata", Map.of("name", "orphan-settings", "namespace", "apps"),
                "data", Map.of("a", "b"))));
        objects.addAll(rendered(file, "clusters/dev/orphan.sops.yaml"));

        ApplyReport report = apply.apply(DesiredRelease.of(Renders.with(Renders.manifests(release, "orphan-1",
                objects), ReleaseOptions.builder().decryptionSecret("flux-system/sops-age").build())), List.of(),
                HookPhase.INSTALL);

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).startsWith("clusters/dev/orphan.sops.yaml: Secret apps/orphan-credentials does not"
                + " decrypt: no age identity Flotilla has opens it").contains(cluster.recipient())
                .contains(flotilla.recipient()).doesNotContain(PASSWORD);
        assertThat(simulated.client().configMaps().inNamespace("apps").withName("orphan-settings").get()).isNull();
        assertThat(simulated.client().secrets().inNamespace("apps").withName("orphan-credentials").get()).isNull();
    }

    @Test
    void aDecryptionSecretMissingFromTheClusterFailsTheReleaseNamingIt() {
        ReleaseKey release = new ReleaseKey(OneSimulatedCluster.NAME, "flux-system", "lost");
        String file = SopsWriter.encryptSecret(secret("lost-credentials"), cluster.recipient());

        ApplyReport report = apply.apply(DesiredRelease.of(Renders.with(Renders.manifests(release, "lost-1",
                rendered(file, "clusters/dev/lost.sops.yaml")), ReleaseOptions.builder()
                        .decryptionSecret("flux-system/sops-gone").build())), List.of(), HookPhase.INSTALL);

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("Secret flux-system/sops-gone (spec.decryption.secretRef) does not"
                + " exist on the cluster");
        assertThat(simulated.client().secrets().inNamespace("apps").withName("lost-credentials").get()).isNull();
    }

    /** The object of {@code file} as the renderer publishes it: its origin attached, its Secret data sealed. */
    private static List<Map<String, Object>> rendered(String file, String path) {
        Map<String, Object> committed;
        try {
            committed = YAML.readValue(file, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SecretObjects.seal(List.of(SopsObjects.withOrigin(committed, path, file)), TestSecretKeys.RING, "apps");
    }

    private static Map<String, Object> secret(String name) {
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("apiVersion", "v1");
        secret.put("kind", "Secret");
        secret.put("metadata", Map.of("name", name, "namespace", "apps"));
        secret.put("type", "Opaque");
        secret.put("stringData", Map.of("password", PASSWORD));
        return secret;
    }
}
