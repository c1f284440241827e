package io.flotilla.renderer.kafka;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Topic;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What an operator sees of the renderer: one commit is one trace (what it emits for a commit carries the
 * commit's trace in its headers), and its work is counted at {@code /q/metrics}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class RendererOperabilityTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @TempDir
    Path temp;

    @Test
    void releasesRenderedFromACommitContinueTheCommitsTraceAndAreCounted() {
        Envelope<CommitDetected> commit;
        try (ConfigRepository repo = ConfigRepository.in(temp.resolve("fleet"))) {
            commit = Envelope.first("git-watcher", repo
                    .write("clusters/prod/quota.yaml", "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: traced-quota\n")
                    .write("clusters/dev/quota.yaml", "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: traced-quota\n")
                    .commit("quotas"));
        }
        List<ConsumerRecord<String, String>> rendered;
        try (FlotillaTopics topics = FlotillaTopics.ofService()) {
            topics.publishRecord(Topic.COMMITS, null, commit.key(), EventCodec.encode(commit),
                    Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-00"));

            rendered = await().atMost(Duration.ofSeconds(60)).until(
                    () -> topics.all(Topic.RENDERED).stream()
                            .filter(record -> EventCodec.decode(record.value()).correlationId()
                                    .equals(commit.correlationId()))
                            .toList(),
                    records -> records.size() == 2);
        }
        assertThat(rendered).extracting(record -> FlotillaTopics.header(record, "traceparent"))
                .allSatisfy(traceparent -> assertThat(traceparent).startsWith("00-" + TRACE_ID + "-"));

        String metrics = asAdmin().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("flotilla_renderer_releases_total\\{outcome=\"rendered\"[^}]*} [1-9]")
                .contains("flotilla_renderer_commit_duration_seconds_count");
    }
}
