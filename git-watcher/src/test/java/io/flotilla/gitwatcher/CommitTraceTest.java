package io.flotilla.gitwatcher;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Topic;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Each commit starts a trace of its own, carried in the {@code traceparent} header for the services downstream. */
@QuarkusTest
@TestProfile(WatchedRepositoryProfile.HookDriven.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class CommitTraceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "flotilla.topic-prefix")
    String prefix;

    @TempDir
    Path temp;

    @Test
    void everyCommitDetectedOpensItsOwnTrace() {
        String first = traceOfFirstCommit("traced-a");
        String second = traceOfFirstCommit("traced-b");

        assertThat(first).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        assertThat(second).matches("[0-9a-f]{32}").isNotEqualTo(first);
    }

    /** Adds a source for a new repository with one commit and returns the trace id of its CommitDetected. */
    private String traceOfFirstCommit(String id) {
        try (GitRepo repo = GitRepo.init(temp.resolve(id))) {
            String sha = repo.write("releases/dev/app.yaml", id).commit("Add " + id);
            asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("id", id, "repository", repo.dir().toString(), "pollIntervalSeconds", 3600))
                    .post("/api/sources").then().statusCode(201);

            FlotillaTopics topics = new FlotillaTopics(bootstrapServers, prefix);
            ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(30)).until(
                    () -> commitRecord(topics.all(Topic.COMMITS), sha), found -> found != null);
            String traceparent = FlotillaTopics.header(record, "traceparent");
            assertThat(traceparent).as("traceparent of the commit of %s", id).isNotNull();
            return traceparent.split("-")[1];
        }
    }

    private static ConsumerRecord<String, String> commitRecord(List<ConsumerRecord<String, String>> records,
            String sha) {
        return records.stream()
                .filter(record -> EventCodec.decode(record.value(), CommitDetected.class).payload().sha().equals(sha))
                .findFirst().orElse(null);
    }
}
