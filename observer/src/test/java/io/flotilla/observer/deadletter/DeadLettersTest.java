package io.flotilla.observer.deadletter;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flotilla.events.DeadLetter;
import io.flotilla.events.Topic;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Records that can never be processed, dead-lettered by a real consumer (the observer's own, through SmallRye's
 * dead-letter-queue strategy) or written as a {@link DeadLetter} event, then listed and replayed through the API.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class DeadLettersTest {

    final FlotillaTopics topics = FlotillaTopics.ofService();
    final String key = "dev/apps/broken-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void close() {
        topics.close();
    }

    @Test
    void anUndecodableRenderingIsListedWithWhereItCameFromAndWhyAndReplayedToItsTopic() {
        String value = "{not json " + key;
        topics.publishRecord(Topic.RENDERED, null, key, value,
                Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

        Map<String, Object> letter = await().until(() -> letters().stream().findFirst().orElse(null), found -> found != null);
        assertThat(letter).containsEntry("topic", topics.name(Topic.RENDERED)).containsEntry("record", value)
                .containsEntry("replayedAt", null).containsEntry("service", null);
        assertThat((String) letter.get("reason")).contains("not JSON");
        String id = (String) letter.get("id");
        assertThat(asAdmin().queryParam("release", "none").when().get("/").then().statusCode(200).extract().asString())
                .contains("<tr data-letter=\"" + id + "\">", "<button onclick=\"replay(this, '" + id + "')\">");

        Map<String, Object> replayed = asAdmin().when().post("/api/dead-letters/" + id + "/replay").then().statusCode(200)
                .extract().jsonPath().getMap("$");

        assertThat(replayed.get("replayedAt")).isNotNull();
        List<ConsumerRecord<String, String>> onItsTopic = topics.all(Topic.RENDERED).stream()
                .filter(record -> key.equals(record.key())).toList();
        assertThat(onItsTopic).hasSize(2).allSatisfy(record -> {
            assertThat(record.value()).isEqualTo(value);
            assertThat(FlotillaTopics.header(record, "traceparent")).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
        });
        // Still undecodable: the observer gives it up again, a new letter.
        await().untilAsserted(() -> assertThat(letters()).hasSize(2));
        assertThat(asAdmin().when().post("/api/dead-letters/" + id + "/replay").then().statusCode(409).extract().asString())
                .contains("was replayed at");
    }

    @Test
    void aDeadLetterEventNamesTheServiceThatGaveTheRecordUp() {
        topics.publish("applier", new DeadLetter("applier", "rendered", key, "{\"broken\":", "malformed ReleaseRendered"));

        Map<String, Object> letter = await().until(() -> letters().stream().findFirst().orElse(null), found -> found != null);

        assertThat(letter).containsEntry("service", "applier").containsEntry("topic", topics.name(Topic.RENDERED))
                .containsEntry("reason", "malformed ReleaseRendered").containsEntry("record", "{\"broken\":");
    }

    @Test
    void anUnknownLetterIsNotFound() {
        assertThat(asAdmin().when().post("/api/dead-letters/9-999999/replay").then().statusCode(404).extract().asString())
                .contains("no dead letter 9-999999");
    }

    /** This test's dead letters, newest first. */
    private List<Map<String, Object>> letters() {
        List<Map<String, Object>> all = asAdmin().queryParam("limit", 1000).when().get("/api/dead-letters").then()
                .statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(letter -> key.equals(letter.get("originalKey"))).toList();
    }
}
