package io.flotilla.applier.kafka;

import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Manifests.encoded;
import static io.flotilla.applier.Manifests.secret;
import static io.flotilla.applier.Manifests.deployment;
import static io.flotilla.applier.Renders.ordered;
import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.Renders;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.history.ReleaseState;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /api/releases/{cluster}/{namespace}/{name}/diff} on a real broker, PostgreSQL and a simulated cluster:
 * what the next apply would create, change field by field, and prune, for a release held back by a suspension
 * while a new rendering waits, and for one whose live object was changed by hand; nothing is written.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(ClustersTestResource.class)
class DiffTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

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
    void aWaitingRenderingShowsWhatItWouldCreateChangeAndPruneWithoutTouchingTheCluster() {
        ReleaseKey shop = new ReleaseKey("dev", "diffing", "shop");
        topics.publish(ordered(Renders.chart(shop, "shop-1", List.of(
                configMap("shop-settings", null, Map.of("color", "blue", "size", "m")),
                configMap("shop-legacy", null, Map.of()),
                secret("shop-password", "first-password"))), 1));
        topics.awaitOutcome(shop, Outcome.Ready);
        asAdmin().contentType("application/json").body("{\"by\": \"alice\"}")
                .post("/api/releases/dev/diffing/shop/suspend").then().statusCode(200);
        topics.awaitOutcome(shop, Outcome.Suspended);
        topics.publish(ordered(Renders.chart(shop, "shop-2", List.of(
                configMap("shop-settings", null, Map.of("color", "green", "size", "m")),
                configMap("shop-extra", null, Map.of("new", "yes")),
                secret("shop-password", "second-password"))), 2));
        await().atMost(PATIENCE).until(() -> history.state(shop).map(ReleaseState::commitOrder).orElse(0L) == 2);

        JsonPath diff = asAdmin().get("/api/releases/dev/diffing/shop/diff").then().statusCode(200)
                .body("release", equalTo("dev/diffing/shop")).body("sourceSha", equalTo("sha-shop-2"))
                .extract().jsonPath();

        assertThat(change(diff, "shop-settings")).isEqualTo("UPDATE");
        assertThat(diff.getList("objects.find { it.object.name == 'shop-settings' }.fields", Map.class))
                .containsExactly(Map.of("path", "data.color", "before", "blue", "after", "green"));
        assertThat(change(diff, "shop-extra")).isEqualTo("CREATE");
        assertThat(change(diff, "shop-legacy")).isEqualTo("DELETE");
        assertThat(change(diff, "shop-password")).isEqualTo("UPDATE");
        assertThat(diff.getList("objects.find { it.object.name == 'shop-password' }.fields", Map.class))
                .as("a Secret's values are never shown").containsExactly(
                        Map.of("path", "data.password", "before", "(hidden)", "after", "(hidden)"));
        assertThat(diff.prettify()).doesNotContain(encoded("first-password")).doesNotContain(encoded("second-password"));
        assertThat(dev().configMaps().inNamespace("diffing").withName("shop-settings").get().getData())
                .as("nothing written").containsEntry("color", "blue");
        assertThat(dev().configMaps().inNamespace("diffing").withName("shop-extra").get()).isNull();
        assertThat(dev().configMaps().inNamespace("diffing").withName("shop-legacy").get()).isNotNull();
    }

    @Test
    void aFieldChangedByHandOnTheClusterIsWhatTheNextApplyWouldPutBack() {
        ReleaseKey api = new ReleaseKey("dev", "by-hand", "api");
        topics.publish(ordered(Renders.chart(api, "api-1", List.of(deployment("api", 2))), 1));
        topics.awaitOutcome(api, Outcome.Ready);
        asAdmin().get("/api/releases/dev/by-hand/api/diff").then().statusCode(200)
                .body("objects.change", equalTo(List.of("UNCHANGED")));

        dev().apps().deployments().inNamespace("by-hand").withName("api").scale(5);

        asAdmin().get("/api/releases/dev/by-hand/api/diff").then().statusCode(200)
                .body("objects[0].change", equalTo("UPDATE"))
                .body("objects[0].fields.find { it.path == 'spec.replicas' }.before", equalTo(5))
                .body("objects[0].fields.find { it.path == 'spec.replicas' }.after", equalTo(2));
    }

    @Test
    void anUnknownReleaseIs404WithTheReason() {
        asAdmin().get("/api/releases/dev/nowhere/nothing/diff").then().statusCode(404)
                .body(equalTo("release dev/nowhere/nothing is unknown to the applier"));
    }

    private static String change(JsonPath diff, String name) {
        return diff.getString("objects.find { it.object.name == '" + name + "' }.change");
    }

    private static KubernetesClient dev() {
        return ClustersTestResource.fleet().cluster("dev").client();
    }
}
