package io.flotilla.renderer.render;

import static io.flotilla.testing.fixtures.KustomizationYaml.kustomization;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fleetSource;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Envelope;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.sealing.KeyRing;
import io.flotilla.events.sealing.SecretObjects;
import io.flotilla.events.sealing.SopsObjects;
import io.flotilla.git.GitCredentials;
import io.flotilla.git.outbound.OutboundPolicy;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.cluster.ClusterCapabilities;
import io.flotilla.renderer.kustomize.Kustomize;
import io.flotilla.testing.sops.AgeCli;
import io.flotilla.testing.sops.SopsWriter;

/**
 * A file committed SOPS-encrypted in a Kustomization with {@code decryption.provider: sops} leaves the renderer as
 * committed: its values still {@code ENC[...]} (and sealed, being a Secret's), kustomize's changes around them, the file
 * and its text carried for the applier, and the Kustomization's {@code decryption.secretRef} in the release's options.
 */
class SopsFilesPassEncryptedTest {

    private static final ClusterRef PROD = new ClusterRef("prod", Map.of("env", "prod"));
    private static final String PASSWORD = "only-the-applier-sees-it";
    private static final KeyRing KEYS = KeyRing.parse(KeyRing.newEntry("k1"), "test");

    @TempDir
    Path temp;

    private ConfigRepository repo;
    private CommitRenderer renderer;

    @BeforeEach
    void setUp() {
        repo = ConfigRepository.in(temp.resolve("fleet")).write("flux-system/sources.yaml", fleetSource());
        renderer = new CommitRenderer(temp.resolve("work"), () -> List.of(PROD),
                CommitRenderer.DEFAULT_MAX_PAYLOAD_BYTES, new ClusterCapabilities(), 1,
                CommitRenderer.DEFAULT_CHART_CACHE_MAX_BYTES, CommitRenderer.DEFAULT_MAX_VALUES_BYTES,
                Duration.ofMinutes(1), Kustomize.find(Optional.empty()), GitCredentials.none(),
                OutboundPolicy.anywhere(), SecretSealing.with(KEYS));
    }

    @AfterEach
    void tearDown() {
        renderer.close();
        repo.close();
    }

    @Test
    void theEncryptedValuesTheFileAndTheDecryptionSecretReachTheApplierAndTheClearValueNothing() {
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("apiVersion", "v1");
        secret.put("kind", "Secret");
        secret.put("metadata", Map.of("name", "db-credentials"));
        secret.put("stringData", Map.of("password", PASSWORD));
        String file = SopsWriter.encryptSecret(secret, AgeCli.newKeyPair().recipient());
        repo.write("clusters/prod/apps.yaml", kustomization("apps", "./apps/prod", """
                targetNamespace: apps
                decryption:
                  provider: sops
                  secretRef:
                    name: sops-age
                """))
                .write("apps/prod/kustomization.yaml", "resources: [db.sops.yaml]\n")
                .write("apps/prod/db.sops.yaml", file);

        List<ReleaseRendered> rendered = renderer.render(repo.commit("an encrypted Secret"));

        ReleaseRendered apps = rendered.stream().filter(release -> release.release().name().equals("apps"))
                .findFirst().orElseThrow();
        assertThat(apps.error()).isNull();
        assertThat(apps.options().decryptionSecret()).isEqualTo("flux-system/sops-age");
        assertThat(EventCodec.encode(Envelope.first("renderer", apps))).doesNotContain(PASSWORD);
        Map<String, Object> object = SecretObjects.open(apps.objects().objects(), KEYS, "apps").get(0);
        assertThat(((Map<?, ?>) object.get("metadata")).get("namespace")).isEqualTo("apps");
        assertThat(String.valueOf(((Map<?, ?>) object.get("stringData")).get("password")))
                .startsWith("ENC[AES256_GCM,").isSubstringOf(file);
        Map<?, ?> metadata = (Map<?, ?>) object.get(SopsObjects.METADATA);
        assertThat(metadata.get(SopsObjects.FILE)).isEqualTo("apps/prod/db.sops.yaml");
        assertThat(metadata.get(SopsObjects.TEXT)).isEqualTo(file);
    }

    @Test
    void aDecryptionProviderOtherThanSopsFailsTheKustomizationNamingIt() {
        repo.write("clusters/prod/apps.yaml", kustomization("apps", "./apps/prod", """
                decryption:
                  provider: vault
                """))
                .write("apps/prod/kustomization.yaml", "resources: [settings.yaml]\n")
                .write("apps/prod/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\n");

        List<ReleaseRendered> rendered = renderer.render(repo.commit("another provider"));

        assertThat(rendered.stream().filter(release -> release.release().name().equals("apps")).findFirst()
                .orElseThrow().error()).isEqualTo("clusters/prod/apps.yaml: Kustomization flux-system/apps:"
                        + " spec.decryption.provider: 'vault' is not a decryption provider; Flux and Flotilla decrypt"
                        + " with sops");
    }
}
