package io.flotilla.applier.kafka;

import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Manifests.deployment;
import static io.flotilla.applier.Manifests.hook;
import static io.flotilla.applier.Manifests.job;
import static io.flotilla.applier.Manifests.widget;
import static io.flotilla.applier.Manifests.widgetDefinition;
import static io.flotilla.applier.Renders.ordered;
import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.Renders;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.history.Revision;
import io.flotilla.embedded.clusters.ReceivedRequest;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.events.Envelope;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseReconciled;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The applier as a reconciler, on a real broker, PostgreSQL and simulated clusters, with the short interval of
 * {@link ReconcileProfile}: releases converge without a new rendering, are rebuilt when wiped, and a rendering that
 * comes again or late changes nothing.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(ClustersTestResource.class)
class ReconcilingTest {

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
    void aReleaseThatFailsBecauseItsDefinitionComesLaterConvergesByItself() {
        ReleaseKey gadgets = new ReleaseKey("dev", "default", "gadgets");
        ReleaseKey definitions = new ReleaseKey("dev", "default", "definitions");
        topics.publish(ordered(Renders.manifests(gadgets, "gadgets-1", List.of(widget("sprocket"))), 1));
        Envelope<ReleaseApplied> failed = topics.awaitOutcome(gadgets, Outcome.Failed);

        topics.publish(ordered(Renders.manifests(definitions, "definitions-1", List.of(widgetDefinition())), 1));

        Envelope<ReleaseApplied> ready = topics.awaitOutcome(gadgets, Outcome.Ready);
        assertThat(failed.payload().error()).contains("Widget");
        assertThat(ready.payload().inputDigest()).isEqualTo("gadgets-1");
        assertThat(ready.payload().revision()).isGreaterThan(failed.payload().revision());
        assertThat(revisionNumbers(gadgets)).as("no gaps, no jumps")
                .isEqualTo(IntStream.rangeClosed(1, ready.payload().revision()).boxed().toList());
    }

    @Test
    void aWipedClusterIsRebuiltFromTheRenderingsKeptWithinOneInterval() {
        ReleaseKey shop = new ReleaseKey("dev", "wiped", "shop");
        topics.publish(ordered(Renders.chart(shop, "shop-1", List.of(configMap("shop-settings", null,
                Map.of("currency", "EUR")), deployment("shop", 2))), 1));
        topics.awaitOutcome(shop, Outcome.Ready);

        dev().configMaps().inNamespace("wiped").withName("shop-settings").delete();
        dev().apps().deployments().inNamespace("wiped").withName("shop").delete();

        await().atMost(PATIENCE).until(() -> dev().configMaps().inNamespace("wiped").withName("shop-settings")
                .get() != null && dev().apps().deployments().inNamespace("wiped").withName("shop").get() != null);
        assertThat(dev().configMaps().inNamespace("wiped").withName("shop-settings").get().getData())
                .containsEntry("currency", "EUR");
        await().atMost(PATIENCE).until(() -> revisionNumbers(shop).equals(List.of(1, 2)));
        assertThat(topics.applied(shop)).extracting(event -> event.payload().outcome())
                .containsExactly(Outcome.Ready, Outcome.Ready);
    }

    @Test
    void aReleaseLeftAsItWasIsReconciledOnItsIntervalWithReadsAndNoWrite() {
        ReleaseKey quiet = new ReleaseKey("prod", "quiet", "settings");
        topics.publish(ordered(Renders.chart(quiet, "quiet-1", List.of(configMap("quiet", null, Map.of()))), 1));
        topics.awaitOutcome(quiet, Outcome.Ready);
        awaitReconciled(quiet, "interval");
        long writes = prod().writeCount();

        Envelope<ReleaseReconciled> reconciled = awaitReconciled(quiet, "interval");

        assertThat(reconciled.payload().message()).isEqualTo("1 object as revision 1 left them");
        assertThat(reconciled.payload().outcome()).isEqualTo(Outcome.Ready);
        assertThat(prod().writeCount()).isEqualTo(writes);
        assertThat(revisionNumbers(quiet)).containsExactly(1);
    }

    @Test
    void renderingsDeliveredAgainFromTheStartOfTheirPartitionWriteNothingAndAddNoRevision() {
        List<ReleaseKey> releases = IntStream.range(0, 5)
                .mapToObj(i -> new ReleaseKey("prod", "replayed", "app-" + i)).toList();
        List<ReleaseRendered> renderings = releases.stream().map(release -> ordered(Renders.chart(release,
                release.name() + "-1", List.of(configMap(release.name(), null, Map.of()))), 3)).toList();
        renderings.forEach(topics::publish);
        releases.forEach(release -> topics.awaitOutcome(release, Outcome.Ready));
        int before = prod().receivedRequests().size();
        ReleaseKey marker = new ReleaseKey("prod", "replayed", "marker");

        renderings.forEach(topics::publish);
        topics.publish(ordered(Renders.chart(marker, "marker-1", List.of(configMap("marker", null, Map.of()))),
                3));

        topics.awaitOutcome(marker, Outcome.Ready);
        assertThat(prod().receivedRequests().subList(before, prod().receivedRequests().size()))
                .filteredOn(request -> !request.method().equals("GET") && !request.isDryRun())
                .extracting(ReceivedRequest::path).noneMatch(path -> path.contains("/app-"));
        releases.forEach(release -> assertThat(revisionNumbers(release)).containsExactly(1));
    }

    @Test
    void aRenderingOfAnOlderCommitThatComesLateIsNeverApplied() {
        ReleaseKey late = new ReleaseKey("prod", "late", "settings");
        topics.publish(ordered(Renders.chart(late, "late-2", List.of(configMap("late", null,
                Map.of("version", "2")))), 12));
        topics.awaitOutcome(late, Outcome.Ready);

        topics.publish(ordered(Renders.chart(late, "late-1", List.of(configMap("late", null,
                Map.of("version", "1")))), 11));
        ReleaseKey marker = new ReleaseKey("prod", "late", "marker");
        topics.publish(ordered(Renders.chart(marker, "marker-1", List.of(configMap("marker", null, Map.of()))),
                11));
        topics.awaitOutcome(marker, Outcome.Ready);

        assertThat(prod().client().configMaps().inNamespace("late").withName("late").get().getData())
                .containsEntry("version", "2");
        assertThat(revisionNumbers(late)).containsExactly(1);
    }

    @Test
    void theHistoryAndHelmsRecordsKeepMaxHistoryRevisions() {
        ReleaseKey release = new ReleaseKey("dev", "kept", "web");
        ReleaseOptions twoKept = ReleaseOptions.builder().maxHistory(2).build();
        for (int version = 1; version <= 4; version++) {
            topics.publish(ordered(Renders.with(Renders.chart(release, "kept-" + version,
                    List.of(configMap("web", null, Map.of("v", String.valueOf(version))))), twoKept), version));
            int revision = version;
            await().atMost(PATIENCE).until(() -> topics.applied(release).stream()
                    .anyMatch(event -> event.payload().revision() == revision));
        }

        assertThat(revisionNumbers(release)).containsExactly(3, 4);
        // Helm's record of a revision, and the deletion of the oldest, may come after the revision is told of.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(dev().secrets().inNamespace("kept")
                .withLabel("owner", "helm").list().getItems())
                .extracting(secret -> secret.getMetadata().getLabels().get("version"))
                .containsExactlyInAnyOrder("3", "4"));
    }

    @Test
    void aHookRunsOnceForEachRevisionItBelongsTo() {
        ReleaseKey migrated = new ReleaseKey("dev", "migrated", "web");
        for (int version = 1; version <= 2; version++) {
            topics.publish(ordered(Renders.chart(migrated, "migrated-" + version, List.of(
                    configMap("web", null, Map.of("v", String.valueOf(version))),
                    hook(job("migrate"), "pre-install,pre-upgrade", null, null))), version));
            int revision = version;
            await().atMost(PATIENCE).until(() -> topics.applied(migrated).stream()
                    .anyMatch(event -> event.payload().revision() == revision
                            && event.payload().outcome() == Outcome.Ready));
        }

        assertThat(cluster("dev").receivedRequests()).filteredOn(request -> !request.isDryRun()
                && request.method().equals("PATCH") && request.path().contains("/namespaces/migrated/jobs/migrate"))
                .as("one server-side apply of the hook per revision").hasSize(2);
    }

    @Test
    void aReconcileAskedForThroughTheApiIsQueuedAndToldOf() {
        ReleaseKey asked = new ReleaseKey("dev", "asked", "settings");
        topics.publish(ordered(Renders.chart(asked, "asked-1", List.of(configMap("asked", null, Map.of()))), 1));
        topics.awaitOutcome(asked, Outcome.Ready);
        int before = topics.reconciled(asked).size();

        asAdmin().contentType("application/json").body("{\"release\": \"dev/asked/settings\"}")
                .post("/api/reconcile").then().statusCode(202).body("queued", equalTo(1));
        asAdmin().contentType("application/json").body("{\"cluster\": \"dev\"}")
                .post("/api/reconcile").then().statusCode(202).body("queued", greaterThanOrEqualTo(1));
        asAdmin().contentType("application/json").body("{\"release\": \"dev/asked\"}")
                .post("/api/reconcile").then().statusCode(400);

        assertThat(awaitReconciled(asked, "request", before).payload().revision()).isEqualTo(1);
    }

    private Envelope<ReleaseReconciled> awaitReconciled(ReleaseKey release, String trigger) {
        return awaitReconciled(release, trigger, topics.reconciled(release).size());
    }

    /** The first reconcile of the release for {@code trigger} after the first {@code after} received. */
    private Envelope<ReleaseReconciled> awaitReconciled(ReleaseKey release, String trigger, int after) {
        return await().atMost(PATIENCE).until(() -> topics.reconciled(release).stream().skip(after)
                .filter(event -> event.payload().trigger().equals(trigger)).findFirst().orElse(null),
                event -> event != null);
    }

    private List<Integer> revisionNumbers(ReleaseKey release) {
        return history.revisions(release).stream().map(Revision::number).toList();
    }

    private static KubernetesClient dev() {
        return cluster("dev").client();
    }

    private static SimulatedCluster prod() {
        return cluster("prod");
    }

    private static SimulatedCluster cluster(String name) {
        return ClustersTestResource.fleet().cluster(name);
    }
}
