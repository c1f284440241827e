package io.flotilla.observer.release;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.flotilla.events.Envelope;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseReconciled;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** When each release was last reconciled, from the applied topic as the applier writes it, in the API and on the page. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class LastReconciledTest {

    static final Instant APPLIED_AT = Instant.parse("2026-05-01T10:00:00Z");

    final String app = "reconciled-" + UUID.randomUUID().toString().substring(0, 8);
    final ReleaseKey key = new ReleaseKey("dev", "apps", app);

    @Test
    void aRevisionAppliedThenAReconcileThatChangesNothingEachShowWhenTheReleaseWasLastReconciled() {
        try (FlotillaTopics topics = FlotillaTopics.ofService()) {
            topics.publish(Envelope.first("applier", ReleaseApplied.builder().release(key).revision(1)
                    .outcome(Outcome.Ready).chart("hello", "1.0.0").appliedAt(APPLIED_AT).build()));
            await().untilAsserted(() -> assertThat(release()).containsEntry("reconciledAt", APPLIED_AT.toString())
                    .containsEntry("reconcileTrigger", null));

            topics.publish(Envelope.first("applier", new ReleaseReconciled(key, 1, Outcome.Ready, "interval",
                    APPLIED_AT.plusSeconds(300), "every object as revision 1 left it")));
            // Read late, an older reconcile is let be.
            topics.publish(Envelope.first("applier", new ReleaseReconciled(key, 1, Outcome.Failed, "retry",
                    APPLIED_AT.plusSeconds(60), "old news")));
        }

        await().untilAsserted(() -> assertThat(release())
                .containsEntry("reconciledAt", APPLIED_AT.plusSeconds(300).toString())
                .containsEntry("reconcileTrigger", "interval")
                .containsEntry("reconcileMessage", "every object as revision 1 left it")
                .containsEntry("status", "Ready").containsEntry("revision", 1).containsEntry("chart", "hello"));
        assertThat(asAdmin().queryParam("release", app).when().get("/").then().statusCode(200).extract().asString())
                .contains("title=\"last reconcile 2026-05-01T10:05:00Z (interval): every object as revision 1 left it\"");
    }

    private Map<String, Object> release() {
        List<Map<String, Object>> releases = asAdmin().queryParam("cluster", "dev").queryParam("namespace", "apps")
                .when().get("/api/releases").then().statusCode(200).extract().jsonPath().getList("$");
        return releases.stream().filter(release -> app.equals(release.get("name"))).findFirst().orElse(Map.of());
    }
}
