package io.flotilla.observer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.flotilla.events.Envelope;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.delivery.ReceiversTestResource;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The observer with {@code flotilla.auth.enabled=false}, as {@code ./flotilla bench --security} runs its second stack:
 * a caller without a token reads the releases and the clusters as the whole fleet. Before, the release list answered
 * 500 as soon as it held a release: the caller's tenants were asked for on the event loop, before its identity was
 * known.
 */
@QuarkusTest
@TestProfile(AuthenticationOffTest.AuthenticationOff.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
@QuarkusTestResource(ReceiversTestResource.class)
class AuthenticationOffTest {

    private final String app = "open-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aCallerWithoutATokenReadsTheWholeFleet() {
        try (FlotillaTopics topics = FlotillaTopics.ofService()) {
            topics.publish(Envelope.first("applier", ReleaseApplied.builder().release(new ReleaseKey("dev", "apps", app))
                    .revision(1).outcome(Outcome.Ready).chart("hello", "1.0.0").build()));
        }

        // Up to a minute: the event is read once the service's consumers have joined their group, which a loaded
        // machine makes slow.
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            List<Map<String, Object>> releases = RestAssured.given().queryParam("cluster", "dev").get("/api/releases")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(releases).anySatisfy(release -> assertThat(release).containsEntry("name", app)
                    .containsEntry("status", "Ready"));
        });
        RestAssured.given().get("/api/clusters").then().statusCode(200).body("cluster", hasItem("dev"));
    }

    /** The switch the security benchmark sets in every service. */
    public static final class AuthenticationOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flotilla.auth.enabled", "false");
        }
    }
}
