package io.flotilla.observer.dashboard;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.CompressedObjects;
import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseReconciled;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The plots of the fleet over time, fed through the topics as the other services feed the observer: a cluster of its
 * own (the simulated {@code dev} registered under another name) so its releases are this test's only ones.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class FleetOverTimeTest {

    FlotillaTopics topics;
    String cluster;

    @BeforeEach
    void registerACluster() throws IOException {
        topics = FlotillaTopics.ofService();
        cluster = "plots-" + UUID.randomUUID().toString().substring(0, 8);
        Path kubeconfig = ClustersTestResource.fleet()
                .writeKubeconfig(Files.createTempFile("flotilla-plots-", ".yaml"));
        try {
            asAdmin().contentType(ContentType.JSON).body(Map.of("name", cluster, "kubeconfig",
                    Files.readString(kubeconfig), "context", "dev", "labels", Map.of("env", cluster)))
                    .when().post("/api/clusters").then().statusCode(201);
        } finally {
            Files.delete(kubeconfig);
        }
    }

    @AfterEach
    void removeTheCluster() {
        asAdmin().when().delete("/api/clusters/" + cluster).then().statusCode(204);
        topics.close();
    }

    @Test
    void releasesReadyOnAClusterArePlottedHourByHourOnItsPageAndItsCard() {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        applyAndAwait(applied("a", 1, Outcome.Ready, hour.minus(3, ChronoUnit.HOURS).plusSeconds(60)));
        applyAndAwait(applied("b", 1, Outcome.Ready, hour.minus(2, ChronoUnit.HOURS).plusSeconds(60)));
        applyAndAwait(applied("a", 2, Outcome.Failed, hour.minus(1, ChronoUnit.HOURS).plusSeconds(60)));
        applyAndAwait(applied("c", 1, Outcome.Ready, hour.minus(1, ChronoUnit.HOURS).plusSeconds(120)));

        await().untilAsserted(() -> assertThat(asAdmin().when().get("/clusters/" + cluster).then().statusCode(200).extract()
                .asString()).contains("<title id=\"ready-over-time-title\">Releases Ready on " + cluster
                        + ", the last 14 days</title><desc id=\"ready-over-time-desc\">Ready: 3 values, lowest 1, "
                        + "highest 2, latest 2. in all: 3 values, lowest 1, highest 3, latest 3.</desc>",
                        "<g class=\"line-0\"><polyline fill=\"none\" data-points=\"3\"",
                        row(hour.minus(3, ChronoUnit.HOURS), 1, 1) + row(hour.minus(2, ChronoUnit.HOURS), 2, 2)
                                + row(hour.minus(1, ChronoUnit.HOURS), 2, 3) + "</tbody>"));
        assertThat(asAdmin().queryParam("selector", "env=" + cluster).when().get("/").then().statusCode(200).extract()
                .asString()).contains("<title id=\"ready-" + cluster + "-title\">Releases Ready on " + cluster
                        + ", the last 48 hours</title><desc id=\"ready-" + cluster + "-desc\">Ready: 3 values,"
                        + " lowest 1, highest 2, latest 2.");
    }

    @Test
    void aReconcileThatFindsAFailedReleaseReadyAgainAddsAPointAndOneThatChangesNothingDoesNot() {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        applyAndAwait(applied("a", 1, Outcome.Failed, hour.minus(2, ChronoUnit.HOURS).plusSeconds(60)));
        ReleaseKey a = new ReleaseKey(cluster, "apps", "a");
        topics.publish("applier", new ReleaseReconciled(a, 1, Outcome.Failed, "interval",
                hour.minus(1, ChronoUnit.HOURS).plusSeconds(60), "still failing"));
        topics.publish("applier", new ReleaseReconciled(a, 1, Outcome.Ready, "retry", hour.plusSeconds(1),
                "Ready again"));

        await().untilAsserted(() -> assertThat(asAdmin().when().get("/clusters/" + cluster).then().statusCode(200).extract()
                .asString()).contains("<g class=\"line-0\"><polyline fill=\"none\" data-points=\"2\"",
                        row(hour.minus(2, ChronoUnit.HOURS), 0, 1) + row(hour, 1, 1) + "</tbody>"));
    }

    @Test
    void eachCommitsSlowestHopsArePlottedOnTheOverview() {
        String sha = UUID.randomUUID().toString().replace("-", "");
        Instant detected = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
        Envelope<CommitDetected> commit = at(detected, Envelope.first("git-watcher", new CommitDetected("/srv/fleet",
                "main", sha, null, List.of("releases/dev/app.yaml"), "Ann", "Deploy", detected)));
        topics.publish(commit);
        await().untilAsserted(() -> assertThat(asAdmin().queryParam("commit", sha).when().get("/").then()
                .statusCode(200).extract().asString()).contains("Journey of <code>" + sha + "</code>"));

        for (String app : List.of("a", "b")) {
            Envelope<ReleaseRendered> rendered = at(detected.plusMillis(app.equals("a") ? 1500 : 2000),
                    Envelope.causedBy(commit, "renderer", rendered(app, sha)));
            topics.publish(rendered);
            topics.publish(at(detected.plusMillis(app.equals("a") ? 4000 : 3000), Envelope.causedBy(rendered,
                    "applier", applied(app, 1, Outcome.Ready, detected.plusSeconds(3)))));
        }

        await().untilAsserted(() -> assertThat(asAdmin().when().get("/").then().statusCode(200).extract().asString())
                .contains("<tr><td><code>" + sha.substring(0, 10) + "</code> <time datetime=\"" + detected + "\">"
                        + detected + "</time></td><td>2000 ms</td><td>4000 ms</td></tr>"));
    }

    /** One release after the other: each its own partition, they would be kept in any order otherwise. */
    private void applyAndAwait(ReleaseApplied applied) {
        topics.publish(Envelope.first("applier", applied));
        await().untilAsserted(() -> assertThat(asAdmin().when().get("/releases/" + applied.release()).then().statusCode(200)
                .extract().asString()).contains("<b>revision</b>" + applied.revision()));
    }

    private ReleaseApplied applied(String name, int revision, Outcome outcome, Instant at) {
        return ReleaseApplied.builder().release(new ReleaseKey(cluster, "apps", name)).revision(revision)
                .outcome(outcome).appliedAt(at).error(outcome == Outcome.Failed ? "failed on purpose" : null).build();
    }

    private ReleaseRendered rendered(String name, String sha) {
        return new ReleaseRendered(new ReleaseKey(cluster, "apps", name), ReleaseFormat.FLUX_V1, "/srv/fleet", sha,
                "releases/dev/app.yaml", "hello", "1.0.0", "chart", "values", "input", 1,
                CompressedObjects.of(List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap"))), null);
    }

    /** The same event, stamped at another time, as its service would have sent it then. */
    private static <T extends Event> Envelope<T> at(Instant time, Envelope<T> event) {
        return new Envelope<>(event.id(), event.type(), event.version(), time, event.source(), event.correlationId(),
                event.key(), event.payload());
    }

    private static String row(Instant hour, int ready, int total) {
        return "<tr><td><time datetime=\"" + hour + "\">" + hour + "</time></td><td>" + ready + "</td><td>" + total
                + "</td></tr>";
    }
}
