package io.flotilla.applier.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class HelmReleaseRecordTest {

    @Test
    void theRecordIsHelmsReleaseAsGzippedJsonInBase64() throws IOException {
        String encoded = HelmReleaseRecord.encode(HelmReleaseRecord.release("web", "apps", 3, "deployed", "podinfo",
                "6.5.0", "Upgrade complete", new HelmReleaseContent("---\nkind: ConfigMap\n", List.of(),
                        Map.of("replicaCount", 2), Map.of(), "podinfo is listening"),
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T03:04:05Z")));

        JsonNode release;
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(encoded)))) {
            release = new ObjectMapper().readTree(gzip);
        }
        assertThat(release.path("name").asText()).isEqualTo("web");
        assertThat(release.path("namespace").asText()).isEqualTo("apps");
        assertThat(release.path("version").asInt()).isEqualTo(3);
        assertThat(release.path("info").path("status").asText()).isEqualTo("deployed");
        assertThat(release.path("info").path("last_deployed").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(release.path("info").path("first_deployed").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(release.path("chart").path("metadata").path("name").asText()).isEqualTo("podinfo");
        assertThat(release.path("chart").path("metadata").path("version").asText()).isEqualTo("6.5.0");
        assertThat(release.path("manifest").asText()).isEqualTo("---\nkind: ConfigMap\n");
        assertThat(release.path("config").path("replicaCount").asInt()).isEqualTo(2);
        assertThat(release.path("info").path("notes").asText()).isEqualTo("podinfo is listening");
        assertThat(HelmReleaseRecord.decode(encoded)).containsEntry("name", "web");
    }

    @Test
    void theSecretIsNamedAndLabelledAsHelmQueriesIt() {
        assertThat(HelmReleaseRecord.secretName("web", 3)).isEqualTo("sh.helm.release.v1.web.v3");
        assertThat(HelmReleaseRecord.labels("web", 3, "superseded")).isEqualTo(
                Map.of("name", "web", "owner", "helm", "status", "superseded", "version", "3"));
    }

    @Test
    void theFirstDeploymentIsReadAsHelmWritesItWithItsZoneOffset() {
        assertThat(HelmReleaseRecord.firstDeployed(Map.of("info", Map.of("first_deployed",
                "2026-01-02T04:04:05.123456789+01:00")))).contains(Instant.parse("2026-01-02T03:04:05.123456789Z"));
        assertThat(HelmReleaseRecord.firstDeployed(Map.of("info", Map.of("first_deployed", "")))).isEmpty();
    }
}
