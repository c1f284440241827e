package io.flotilla.applier.kafka;

import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Renders.ordered;
import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.Renders;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.history.ReleaseState;
import io.flotilla.applier.history.Revision;
import io.flotilla.events.Envelope;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Suspending, resuming and rolling back by hand through the applier's API, on a real broker, PostgreSQL and a
 * simulated cluster, with the short interval of {@link ReconcileProfile}: what a user sees on the cluster, in the
 * release's revisions and on the applied topic.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(ClustersTestResource.class)
class SuspendAndRollbackTest {

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
    void aSuspendedReleaseKeepsANewRenderingUnappliedUntilItIsResumedThenAppliesIt() {
        ReleaseKey shop = new ReleaseKey("dev", "suspending", "shop");
        topics.publish(settings(shop, "1", 1));
        topics.awaitOutcome(shop, Outcome.Ready);

        asAdmin().contentType("application/json").body("{\"by\": \"alice\", \"reason\": \"freeze for the audit\"}")
                .post("/api/releases/dev/suspending/shop/suspend").then().statusCode(200)
                .body("release", equalTo("dev/suspending/shop")).body("by", equalTo("alice"));

        Envelope<ReleaseApplied> suspended = topics.awaitOutcome(shop, Outcome.Suspended);
        assertThat(suspended.payload().error()).startsWith("suspended by alice at ")
                .endsWith(": freeze for the audit");
        asAdmin().get("/api/suspensions").then().statusCode(200)
                .body("findAll { it.release == 'dev/suspending/shop' }.reason", hasItem("freeze for the audit"));

        topics.publish(settings(shop, "2", 2));
        await().atMost(PATIENCE).until(() -> history.state(shop).map(ReleaseState::commitOrder).orElse(0L) == 2);
        awaitReconciledOnItsInterval(shop);
        assertThat(version(shop)).as("the rendering of commit 2 is kept, not applied").isEqualTo("1");
        assertThat(topics.applied(shop)).extracting(event -> event.payload().outcome())
                .containsExactly(Outcome.Ready, Outcome.Suspended);

        asAdmin().post("/api/releases/dev/suspending/shop/resume").then().statusCode(200).body("by", equalTo("alice"));

        Envelope<ReleaseApplied> resumed = await().atMost(PATIENCE).until(() -> topics.applied(shop).stream()
                .skip(2).filter(event -> event.payload().outcome() == Outcome.Ready).findFirst().orElse(null),
                event -> event != null);
        assertThat(resumed.payload().inputDigest()).isEqualTo("shop-2");
        assertThat(version(shop)).isEqualTo("2");
        asAdmin().get("/api/suspensions").then().statusCode(200)
                .body("findAll { it.release == 'dev/suspending/shop' }.size()", equalTo(0));
        asAdmin().post("/api/releases/dev/suspending/shop/resume").then().statusCode(409)
                .body(equalTo("release dev/suspending/shop is not suspended"));
    }

    @Test
    void everyReleaseOfAClusterIsSuspendedAndResumedTogether() {
        ReleaseKey api = new ReleaseKey("prod", "freezing", "api");
        topics.publish(settings(api, "1", 1));
        topics.awaitOutcome(api, Outcome.Ready);

        asAdmin().contentType("application/json").body("{\"by\": \"bob\"}").post("/api/clusters/prod/suspend").then()
                .statusCode(200).body("release", hasItem("prod/freezing/api"));
        assertThat(topics.awaitOutcome(api, Outcome.Suspended).payload().error()).startsWith("suspended by bob at ");
        topics.publish(settings(api, "2", 2));
        await().atMost(PATIENCE).until(() -> history.state(api).map(ReleaseState::commitOrder).orElse(0L) == 2);
        assertThat(version(api)).isEqualTo("1");

        asAdmin().post("/api/clusters/prod/resume").then().statusCode(200).body("release", hasItem("prod/freezing/api"));

        await().atMost(PATIENCE).until(() -> "2".equals(version(api)));
        assertThat(topics.applied(api)).extracting(event -> event.payload().outcome())
                .containsExactly(Outcome.Ready, Outcome.Suspended, Outcome.Ready);
        asAdmin().get("/api/suspensions?cluster=prod").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void suspendingAnUnknownReleaseOrClusterIsRefusedAndSaysWho() {
        asAdmin().contentType("application/json").body("{\"by\": \"alice\"}")
                .post("/api/releases/dev/nowhere/nothing/suspend").then().statusCode(404)
                .body(equalTo("release dev/nowhere/nothing is unknown to the applier"));
        asAdmin().contentType("application/json").body("{\"by\": \"alice\"}").post("/api/clusters/atlantis/suspend")
                .then().statusCode(404).body(equalTo("the applier has no release on cluster 'atlantis'"));
        asAdmin().contentType("application/json").body("{\"reason\": \"no name\"}")
                .post("/api/releases/dev/nowhere/nothing/suspend").then().statusCode(400);
    }

    @Test
    void aRollbackAppliesTheObjectsOfTheRevisionAsANewRevisionAndTheIntervalLeavesIt() {
        ReleaseKey web = new ReleaseKey("prod", "rolling", "web");
        topics.publish(ordered(Renders.chart(web, "web-1", List.of(configMap("web-settings", null,
                Map.of("color", "blue")))), 1));
        topics.awaitOutcome(web, Outcome.Ready);
        topics.publish(ordered(Renders.chart(web, "web-2", List.of(configMap("web-settings", null,
                Map.of("color", "green")), configMap("web-extra", null, Map.of()))), 2));
        await().atMost(PATIENCE).until(() -> revisionNumbers(web).equals(List.of(1, 2)));
        assertThat(prod().configMaps().inNamespace("rolling").withName("web-extra").get()).isNotNull();

        asAdmin().contentType("application/json").body("{\"revision\": 1}")
                .post("/api/releases/prod/rolling/web/rollback")
                .then().statusCode(200).body("revision", equalTo(3)).body("outcome", equalTo("Ready"))
                .body("message", equalTo("Rollback to 1"));

        assertThat(prod().configMaps().inNamespace("rolling").withName("web-settings").get().getData())
                .containsEntry("color", "blue");
        assertThat(prod().configMaps().inNamespace("rolling").withName("web-extra").get())
                .as("what revision 1 did not have is pruned, as helm rollback prunes it").isNull();
        Revision rollback = history.revision(web, 3).orElseThrow();
        assertThat(rollback.attempt().message()).isEqualTo("Rollback to 1");
        assertThat(topics.applied(web)).extracting(event -> event.payload().revision()).contains(3);

        awaitReconciledOnItsInterval(web);
        assertThat(prod().configMaps().inNamespace("rolling").withName("web-settings").get().getData())
                .as("the interval leaves the rollback in place").containsEntry("color", "blue");
        assertThat(revisionNumbers(web)).isEqualTo(List.of(1, 2, 3));

        asAdmin().contentType("application/json").body("{\"revision\": 9}")
                .post("/api/releases/prod/rolling/web/rollback")
                .then().statusCode(404).body(equalTo("release prod/rolling/web has no revision 9 (revisions kept: 1,"
                        + " 2, 3)"));
        asAdmin().contentType("application/json").body("{\"revision\": 1}")
                .post("/api/releases/prod/rolling/nope/rollback")
                .then().statusCode(404).body(equalTo("release prod/rolling/nope is unknown to the applier"));
    }

    /** Waits for the release's next reconcile on its interval (2 s here) after now. */
    private static void awaitReconciledOnItsInterval(ReleaseKey release) {
        int before = topics.reconciled(release).size();
        await().atMost(PATIENCE).until(() -> topics.reconciled(release).stream().skip(before)
                .anyMatch(event -> event.payload().trigger().equals("interval")));
    }

    private List<Integer> revisionNumbers(ReleaseKey release) {
        return history.revisions(release).stream().map(Revision::number).toList();
    }

    private static ReleaseRendered settings(ReleaseKey release, String version, long commitOrder) {
        return ordered(Renders.chart(release, release.name() + "-" + version, List.of(configMap(release.name()
                + "-settings", null, Map.of("version", version)))), commitOrder);
    }

    private static String version(ReleaseKey release) {
        ConfigMap settings = ClustersTestResource.fleet().cluster(release.cluster()).client().configMaps()
                .inNamespace(release.namespace()).withName(release.name() + "-settings").get();
        return settings.getData().get("version");
    }

    private static KubernetesClient prod() {
        return ClustersTestResource.fleet().cluster("prod").client();
    }
}
