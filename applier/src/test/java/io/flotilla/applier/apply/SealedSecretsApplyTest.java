package io.flotilla.applier.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.Secret;
import io.flotilla.applier.OneSimulatedCluster;
import io.flotilla.applier.Renders;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.sealing.KeyRing;
import io.flotilla.events.sealing.SecretObjects;
import io.flotilla.testing.fixtures.TestSecretKeys;

/**
 * A rendering's Secrets arrive sealed and are opened only as they are applied: the cluster gets the rendered value,
 * and a Secret that does not open (a key the applier was not given) fails the release naming the Secret and the key,
 * with nothing of the release applied.
 */
class SealedSecretsApplyTest {

    private static final String PASSWORD = "applied-only-here";

    @TempDir
    static Path dir;

    private static OneSimulatedCluster simulated;

    @BeforeAll
    static void startCluster() {
        simulated = OneSimulatedCluster.start(dir, OneSimulatedCluster.NOTHING_REMEMBERED);
    }

    @AfterAll
    static void stopCluster() {
        simulated.close();
    }

    @Test
    void theClusterGetsTheValueTheChartRendered() {
        ReleaseKey release = new ReleaseKey(OneSimulatedCluster.NAME, "apps", "db");
        List<Map<String, Object>> sealed = SecretObjects.seal(List.of(secret("db-credentials")), TestSecretKeys.RING,
                "apps");

        ApplyReport report = simulated.apply().apply(DesiredRelease.of(Renders.chart(release, "db-1", sealed)),
                List.of(), HookPhase.INSTALL);

        assertThat(report.outcome()).as(String.valueOf(report.error())).isEqualTo(Outcome.Ready);
        Secret applied = simulated.client().secrets().inNamespace("apps").withName("db-credentials").get();
        assertThat(new String(Base64.getDecoder().decode(applied.getData().get("password")), StandardCharsets.UTF_8))
                .isEqualTo(PASSWORD);
        assertThat(applied.getData().get("user")).isEqualTo(base64("admin"));
    }

    @Test
    void aSecretSealedWithAKeyTheApplierWasNotGivenFailsTheReleaseAndNothingIsApplied() {
        ReleaseKey release = new ReleaseKey(OneSimulatedCluster.NAME, "apps", "orphan");
        KeyRing elsewhere = KeyRing.parse(KeyRing.newEntry("elsewhere"), "another installation");
        List<Map<String, Object>> sealed = SecretObjects.seal(List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "orphan-settings"), "data", Map.of("a", "b")), secret("orphan-credentials")),
                elsewhere, "apps");

        ApplyReport report = simulated.apply().apply(DesiredRelease.of(Renders.chart(release, "orphan-1", sealed)),
                List.of(), HookPhase.INSTALL);

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).contains("Secret apps/orphan-credentials data.password cannot be opened")
                .contains("sealed with the key elsewhere, which is not in the key ring").doesNotContain(PASSWORD);
        assertThat(simulated.client().configMaps().inNamespace("apps").withName("orphan-settings").get()).isNull();
        assertThat(simulated.client().secrets().inNamespace("apps").withName("orphan-credentials").get()).isNull();
    }

    private static Map<String, Object> secret(String name) {
        return Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", name), "type", "Opaque",
                "data", Map.of("password", base64(PASSWORD)), "stringData", Map.of("user", "admin"));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
