package io.flotilla.renderer.render;

import static io.flotilla.testing.fixtures.HelmReleaseYaml.fleetSource;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
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
import io.flotilla.git.GitCredentials;
import io.flotilla.git.outbound.OutboundPolicy;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.cluster.ClusterCapabilities;
import io.flotilla.renderer.kustomize.Kustomize;

/**
 * A Secret a chart renders leaves the renderer with its data sealed: the record on the rendered topic carries
 * neither the value nor its base64, and the applier's key ring opens it to what Helm rendered.
 */
class SecretDataLeavesSealedTest {

    private static final ClusterRef PROD = new ClusterRef("prod", Map.of("env", "prod"));
    private static final String PASSWORD = "s3cret-from-valuesFrom";
    private static final KeyRing KEYS = KeyRing.parse(KeyRing.newEntry("k1"), "test");

    @TempDir
    Path temp;

    private ConfigRepository repo;
    private CommitRenderer renderer;

    @BeforeEach
    void setUp() {
        repo = ConfigRepository.in(temp.resolve("fleet")).write("flux-system/sources.yaml", fleetSource())
                .write("charts/db/Chart.yaml", "apiVersion: v2\nname: db\nversion: 1.0.0\n")
                .write("charts/db/templates/secret.yaml", """
                        apiVersion: v1
                        kind: Secret
                        metadata:
                          name: {{ .Release.Name }}-credentials
                        data:
                          password: {{ .Values.password | b64enc }}
                        stringData:
                          url: postgres://app:{{ .Values.password }}@db/app
                        """)
                .write("releases/prod/db-values.yaml", """
                        apiVersion: v1
                        kind: Secret
                        metadata:
                          name: db-values
                          namespace: apps
                        data:
                          values.yaml: %s
                        """.formatted(base64("password: " + PASSWORD + "\n")));
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
    void theRecordOnTheTopicCarriesNeitherTheValueNorItsBase64() {
        repo.write("releases/prod/db.yaml", fluxV2("apps", "db", "./charts/db", """
                valuesFrom:
                  - kind: Secret
                    name: db-values
                """));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("a database"));

        assertThat(rendered).isNotEmpty().allSatisfy(release -> assertThat(release.error()).isNull());
        for (ReleaseRendered release : rendered) {
            String record = EventCodec.encode(Envelope.first("renderer", release));
            String objects = release.objects().objects().toString();
            for (String shape : List.of(PASSWORD, base64(PASSWORD), base64("password: " + PASSWORD + "\n"))) {
                assertThat(objects).doesNotContain(shape);
                assertThat(record).doesNotContain(shape);
            }
        }
        ReleaseRendered db = rendered.stream().filter(release -> release.release().name().equals("db")).findFirst()
                .orElseThrow();
        Map<String, Object> secret = SecretObjects.open(db.objects().objects(), KEYS, "apps").stream()
                .filter(object -> "Secret".equals(object.get("kind"))).findFirst().orElseThrow();
        assertThat(secret.get("data")).isEqualTo(Map.of("password", base64(PASSWORD)));
        assertThat(secret.get("stringData")).isEqualTo(Map.of("url", "postgres://app:" + PASSWORD + "@db/app"));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
