package io.flotilla.applier.kafka;

import static io.flotilla.applier.Manifests.configMap;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.flotilla.applier.Renders;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.Tenant;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.flotilla.testing.security.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * A member of tenant team-a ({@link TestTokens#TEAM_A_OPERATOR}, an operator) acts on team-a's releases through the
 * applier's API, one at a time, and on nothing else: another tenant's release and the platform team's answer as if
 * they did not exist, a cluster's or the fleet's releases at once and the fleet-wide lists are the platform team's.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(ClustersTestResource.class)
class TenantMembersTest {

    private static final Tenant TEAM_A = new Tenant("team-a", List.of("members-a"), List.of("ConfigMap"), "members-a",
            "deployer");
    private static final Tenant TEAM_B = new Tenant("team-b", List.of("members-b"), List.of("ConfigMap"), "members-b",
            "deployer");
    private static final ReleaseKey OURS = new ReleaseKey("dev", "members-a", "web");
    private static final ReleaseKey THEIRS = new ReleaseKey("dev", "members-b", "web");
    private static final ReleaseKey PLATFORM = new ReleaseKey("dev", "members-platform", "web");

    private static Topics topics;

    @Inject
    ReleaseHistory history;

    @BeforeAll
    static void connect() {
        topics = Topics.ofService();
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    @Test
    void aMemberActsOnItsTenantsReleasesOnlyAndOneAtATime() {
        known(OURS, TEAM_A);
        known(THEIRS, TEAM_B);
        known(PLATFORM, null);

        member().contentType("application/json").body("{\"by\": \"ada\", \"reason\": \"hold\"}")
                .post("/api/releases/" + OURS + "/suspend").then().statusCode(200).body("by", equalTo("ada"));
        member().post("/api/releases/" + OURS + "/resume").then().statusCode(200);
        member().get("/api/releases/" + OURS + "/history").then().statusCode(200);
        member().contentType("application/json").body("{\"release\": \"" + OURS + "\"}").post("/api/reconcile")
                .then().statusCode(202).body("$", hasKey("queued"));

        for (ReleaseKey other : List.of(THEIRS, PLATFORM)) {
            String unknown = "release " + other + " is not among the releases of tenant team-a";
            member().contentType("application/json").body("{\"by\": \"ada\"}")
                    .post("/api/releases/" + other + "/suspend").then().statusCode(404).body(equalTo(unknown));
            member().get("/api/releases/" + other + "/history").then().statusCode(404).body(equalTo(unknown));
            member().get("/api/releases/" + other + "/diff").then().statusCode(404).body(equalTo(unknown));
            member().contentType("application/json").body("{\"release\": \"" + other + "\"}").post("/api/reconcile")
                    .then().statusCode(404).body(equalTo(unknown));
        }

        member().contentType("application/json").body("{\"cluster\": \"dev\"}").post("/api/reconcile").then()
                .statusCode(403).body(equalTo("test-team-a is a member of tenant team-a and acts on its releases one"
                        + " at a time; reconciling every release of cluster dev is the platform team's"));
        member().get("/api/suspensions").then().statusCode(403).body("message", equalTo("test-team-a is a member of"
                + " tenant team-a and sees and acts on its releases only; this is the platform team's"));
        member().contentType("application/json").body("{}").post("/api/clusters/dev/suspend").then().statusCode(403);
    }

    @Test
    void thePlatformTeamActsOnEveryTenantsRelease() {
        known(THEIRS, TEAM_B);

        TestTokens.as(TestTokens.OPERATOR).get("/api/releases/" + THEIRS + "/history").then().statusCode(200);
        TestTokens.as(TestTokens.OPERATOR).contentType("application/json").body("{\"release\": \"" + THEIRS + "\"}")
                .post("/api/reconcile").then().statusCode(202);
    }

    private static RequestSpecification member() {
        return TestTokens.as(TestTokens.TEAM_A_OPERATOR);
    }

    /** The release is rendered for the applier, whatever comes of applying it: the applier knows it. */
    private void known(ReleaseKey release, Tenant tenant) {
        if (history.desired(release).isEmpty()) {
            topics.publish(Renders.chart(release, release.namespace() + "-1",
                    List.of(configMap("web-settings", null, Map.of()))).toBuilder().tenant(tenant).build());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> history.desired(release).isPresent());
    }
}
