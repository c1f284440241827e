package io.flotilla.observer.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.CompressedObjects;
import io.flotilla.events.Envelope;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;

class TimelinePayloadTest {

    final ObjectMapper json = new ObjectMapper();

    @Test
    void renderedReleaseIsKeptWithoutItsObjects() throws Exception {
        ReleaseRendered rendered = new ReleaseRendered(ReleaseKey.parse("dev/apps/hello"), ReleaseFormat.FLUX_V1,
                "/srv/fleet", "a1b2c3", "releases/dev/hello.yaml", "hello", "1.0.0", "chart-digest", "values-digest",
                "input-digest", 1, CompressedObjects.of(List.of(Map.of("kind", "ConfigMap"))), null);

        JsonNode payload = json.readTree(TimelinePayload.json(Envelope.first("renderer", rendered)));

        assertThat(payload.has("objects")).isFalse();
        assertThat(payload.path("release").asText()).isEqualTo("dev/apps/hello");
        assertThat(payload.path("chartName").asText()).isEqualTo("hello");
        assertThat(payload.path("objectCount").asInt()).isEqualTo(1);
        assertThat(payload.path("sourceFile").asText()).isEqualTo("releases/dev/hello.yaml");
    }

    @Test
    void otherEventsAreKeptWhole() throws Exception {
        CommitDetected commit = new CommitDetected("/srv/fleet", "main", "a1b2c3", null,
                List.of("releases/dev/hello.yaml"), "Ann <ann@example.com>", "Bump hello", java.time.Instant.now());

        JsonNode payload = json.readTree(TimelinePayload.json(Envelope.first("git-watcher", commit)));

        assertThat(payload.path("sha").asText()).isEqualTo("a1b2c3");
        assertThat(payload.path("changedPaths").get(0).asText()).isEqualTo("releases/dev/hello.yaml");
        assertThat(payload.path("message").asText()).isEqualTo("Bump hello");
    }

    @Test
    void aCommitIsKeptWithoutTheSealedCredentialsOfItsSource() throws Exception {
        CommitDetected commit = new CommitDetected("https://git.example.com/team/private.git", "main", "d4e5f6", null,
                List.of("apps/web.yaml"), "Ann <ann@example.com>", "Private source", java.time.Instant.now())
                .withAccess("v2:k1:sealed-credentials-of-the-source");

        JsonNode payload = json.readTree(TimelinePayload.json(Envelope.first("git-watcher", commit)));

        assertThat(payload.has("access")).isFalse();
        assertThat(payload.toString()).doesNotContain("sealed-credentials-of-the-source");
        assertThat(payload.path("repository").asText()).isEqualTo("https://git.example.com/team/private.git");
    }
}
