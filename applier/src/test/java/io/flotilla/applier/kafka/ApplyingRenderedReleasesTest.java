package io.flotilla.applier.kafka;

import static io.flotilla.applier.Manifests.clusterRole;
import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Manifests.deployment;
import static io.flotilla.applier.Manifests.kept;
import static io.flotilla.applier.Manifests.namespace;
import static io.flotilla.applier.Manifests.widget;
import static io.flotilla.applier.Manifests.widgetDefinition;
import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.flotilla.applier.Renders;
import io.flotilla.applier.helm.HelmReleaseRecord;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.history.Revision;
import io.flotilla.embedded.clusters.ReceivedRequest;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.events.DriftFound;
import io.flotilla.events.DriftMode;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Tenant;
import io.flotilla.events.Topic;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(ClustersTestResource.class)
class ApplyingRenderedReleasesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The partition replayed records go to, so that the applier's commits on it tell when they were handled. */
    private static final int REPLAYS = 1;

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
    void objectsLandOnTheTargetClusterManagedByFlotilla() {
        ReleaseKey release = new ReleaseKey("dev", "landing", "web");
        Envelope<ReleaseRendered> rendered = topics.publish(Renders.chart(release, "landing-1",
                List.of(configMap("web-settings", null, Map.of("mode", "fast")))));

        Envelope<ReleaseApplied> applied = awaitRevision(release, 1);

        assertThat(applied.payload().outcome()).isEqualTo(Outcome.Ready);
        assertThat(applied.correlationId()).isEqualTo(rendered.correlationId());
        assertThat(applied.key()).isEqualTo("dev/landing/web");
        ConfigMap onCluster = dev().configMaps().inNamespace("landing").withName("web-settings").get();
        assertThat(onCluster.getData()).containsEntry("mode", "fast");
        assertThat(onCluster.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .contains("flotilla");
        assertThat(cluster("prod").client().configMaps().inNamespace("landing").withName("web-settings").get())
                .isNull();
    }

    @Test
    void aTenantsReleaseBeyondItsRulesIsFailedWithNothingAppliedWhileOtherReleasesGoOn() {
        Tenant teamA = new Tenant("team-a", List.of("tenant-a"), List.of("ConfigMap"), "tenant-a", "deployer");
        ReleaseKey tenantRelease = new ReleaseKey("dev", "tenant-a", "escalate");
        ReleaseKey platformRelease = new ReleaseKey("dev", "platform", "roles");
        topics.publish(Renders.chart(tenantRelease, "escalate-1", List.of(configMap("escalate", null, Map.of()),
                clusterRole("tenant-a-everything"))).toBuilder().tenant(teamA).build());
        topics.publish(Renders.chart(platformRelease, "roles-1", List.of(clusterRole("platform-reader"))));

        Envelope<ReleaseApplied> refused = awaitRevision(tenantRelease, 1);
        Envelope<ReleaseApplied> applied = awaitRevision(platformRelease, 1);

        assertThat(refused.payload().outcome()).isEqualTo(Outcome.Failed);
        assertThat(refused.payload().error()).isEqualTo("tenant 'team-a': 1 of 2 objects break its rules; nothing"
                + " was applied: ClusterRole tenant-a-everything: releases/dev/escalate.yaml (rendered object #2):"
                + " rule cluster-scoped: ClusterRole is cluster-scoped; tenant 'team-a' may declare namespaced"
                + " objects only");
        assertThat(dev().configMaps().inNamespace("tenant-a").withName("escalate").get()).isNull();
        assertThat(dev().rbac().clusterRoles().withName("tenant-a-everything").get()).isNull();
        assertThat(applied.payload().outcome()).as(String.valueOf(applied.payload().error()))
                .isEqualTo(Outcome.Ready);
        assertThat(dev().rbac().clusterRoles().withName("platform-reader").get()).isNotNull();
    }

    @Test
    void definitionsAndNamespacesAreAppliedBeforeTheObjectsThatNeedThem() {
        ReleaseKey release = new ReleaseKey("dev", "default", "platform-widgets");
        topics.publish(Renders.manifests(release, "widgets-1", List.of(
                widget("gear"),
                configMap("tool-settings", "tools", Map.of("size", "3")),
                namespace("tools"),
                widgetDefinition())));

        Envelope<ReleaseApplied> applied = awaitRevision(release, 1);

        assertThat(applied.payload().outcome()).as(String.valueOf(applied.payload().error()))
                .isEqualTo(Outcome.Ready);
        assertThat(applied.payload().objects()).extracting(result -> result.object().kind())
                .containsExactly("CustomResourceDefinition", "Namespace", "ConfigMap", "Widget");
        HasMetadata definition = dev().apiextensions().v1().customResourceDefinitions()
                .withName("widgets.example.com").get();
        HasMetadata tools = dev().namespaces().withName("tools").get();
        HasMetadata gear = dev().genericKubernetesResources(widgets()).inNamespace("default").withName("gear").get();
        HasMetadata settings = dev().configMaps().inNamespace("tools").withName("tool-settings").get();
        assertThat(writeOrder(definition)).isLessThan(writeOrder(tools));
        assertThat(writeOrder(tools)).isLessThan(writeOrder(settings));
        assertThat(writeOrder(settings)).isLessThan(writeOrder(gear));
    }

    @Test
    void aNamespacedObjectWithoutNamespaceLandsInTheReleaseNamespace() {
        ReleaseKey release = new ReleaseKey("dev", "shop", "cart");
        topics.publish(Renders.chart(release, "cart-1", List.of(
                configMap("cart", null, Map.of("currency", "EUR")),
                configMap("cart-audit", "audit", Map.of("level", "all")),
                clusterRole("cart-reader"),
                namespace("audit"))));

        Envelope<ReleaseApplied> applied = awaitRevision(release, 1);

        assertThat(applied.payload().outcome()).as(String.valueOf(applied.payload().error()))
                .isEqualTo(Outcome.Ready);
        assertThat(applied.payload().objects()).extracting(ObjectResult::object).containsExactly(
                new ObjectRef("v1", "Namespace", null, "audit"),
                new ObjectRef("v1", "ConfigMap", "shop", "cart"),
                new ObjectRef("v1", "ConfigMap", "audit", "cart-audit"),
                new ObjectRef("rbac.authorization.k8s.io/v1", "ClusterRole", null, "cart-reader"));
        assertThat(dev().namespaces().withName("shop").get()).as("the release namespace, created").isNotNull();
        assertThat(dev().configMaps().inNamespace("shop").withName("cart").get()).isNotNull();
        assertThat(dev().configMaps().inNamespace("audit").withName("cart-audit").get()).isNotNull();
        assertThat(dev().rbac().clusterRoles().withName("cart-reader").get()).isNotNull();
    }

    @Test
    void aFailedRenderTouchesNoClusterAndIsReportedFailed() {
        ReleaseKey release = new ReleaseKey("dev", "shop", "broken");
        String error = "releases/dev/broken.yaml: spec.chart.path 'charts/brokn' does not exist at 1a2b3c";
        long devRequests = cluster("dev").requestCount();
        long prodRequests = cluster("prod").requestCount();

        topics.publish(Renders.failed(release, "broken-1", error));

        Envelope<ReleaseApplied> applied = awaitRevision(release, 1);
        assertThat(applied.payload().outcome()).isEqualTo(Outcome.Failed);
        assertThat(applied.payload().error()).isEqualTo(error);
        assertThat(applied.payload().objects()).isEmpty();
        assertThat(cluster("dev").requestCount()).isEqualTo(devRequests);
        assertThat(cluster("prod").requestCount()).isEqualTo(prodRequests);
        assertThat(history.revisions(release)).singleElement().satisfies(revision -> {
            assertThat(revision.attempt().outcome()).isEqualTo(Outcome.Failed);
            assertThat(revision.attempt().message()).isEqualTo(error);
        });
    }

    @Test
    void aReleaseTheClusterRejectsIsRefusedWholeNamingTheObjectWhileOtherReleasesGoOn() {
        ReleaseKey bad = new ReleaseKey("dev", "rejects", "bad");
        ReleaseKey good = new ReleaseKey("dev", "rejects", "good");
        topics.publish(Renders.chart(bad, "bad-1", List.of(
                configMap("accepted", null, Map.of("a", "1")),
                configMap("stray", "nowhere", Map.of("c", "3")))));
        topics.publish(Renders.chart(good, "good-1", List.of(configMap("fine", null, Map.of("b", "2")))));

        Envelope<ReleaseApplied> failed = awaitRevision(bad, 1);
        Envelope<ReleaseApplied> ready = awaitRevision(good, 1);

        assertThat(failed.payload().outcome()).isEqualTo(Outcome.Failed);
        assertThat(failed.payload().error()).isEqualTo("the API server refused 1 of 2 objects in a dry run; nothing "
                + "was applied: ConfigMap nowhere/stray: namespaces \"nowhere\" not found");
        assertThat(failed.payload().objects()).extracting(ObjectResult::action).containsExactly(ObjectAction.FAILED);
        assertThat(dev().configMaps().inNamespace("rejects").withName("accepted").get()).isNull();
        assertThat(ready.payload().outcome()).isEqualTo(Outcome.Ready);
        assertThat(dev().configMaps().inNamespace("rejects").withName("fine").get()).isNotNull();
    }

    @Test
    void aReplayedOrDuplicateEventMakesNoRequestToTheCluster() {
        ReleaseKey release = new ReleaseKey("dev", "replay", "web");
        ReleaseRendered rendered = Renders.chart(release, "replay-1", List.of(configMap("web", null, Map.of("x", "1"))));
        Envelope<ReleaseRendered> first = topics.publish(rendered);
        awaitRevision(release, 1);
        // The revision is told before Helm's record of it is written: the first apply is done once that is there.
        await().atMost(PATIENCE).until(() -> dev().secrets().inNamespace("replay").withName("sh.helm.release.v1.web.v1")
                .get() != null);
        int before = cluster("dev").receivedRequests().size();

        topics.publishTo(REPLAYS, first.key(), EventCodec.encode(first));
        RecordMetadata duplicate = topics.publishTo(REPLAYS, rendered);
        await().atMost(PATIENCE).until(() -> topics.committedOffset(Topic.RENDERED, REPLAYS) > duplicate.offset());

        List<ReceivedRequest> since = cluster("dev").receivedRequests();
        assertThat(since.subList(before, since.size())).as("other releases' retries may ask; this one asks nothing")
                .extracting(ReceivedRequest::path).noneMatch(path -> path.contains("/namespaces/replay/"));
        assertThat(topics.applied(release)).extracting(event -> event.payload().revision()).containsExactly(1);
    }

    @Test
    void revisionsCountUpAcrossChangedInputsAndTheHistoryApiListsThem() {
        ReleaseKey release = new ReleaseKey("dev", "counting", "web");
        int applied = 0;
        for (String tag : List.of("1.0", "1.1", "1.2")) {
            topics.publish(Renders.chart(release, "counting-" + tag,
                    List.of(configMap("web", null, Map.of("tag", tag)))));
            awaitRevision(release, ++applied);
        }

        assertThat(topics.applied(release)).extracting(event -> event.payload().revision()).containsExactly(1, 2, 3);
        assertThat(history.revisions(release)).extracting(Revision::number).containsExactly(1, 2, 3);
        assertThat(history.revisions(release)).extracting(revision -> revision.attempt().inputDigest())
                .containsExactly("counting-1.0", "counting-1.1", "counting-1.2");
        assertThat(history.revisions(release)).allSatisfy(revision -> {
            assertThat(revision.attempt().outcome()).isEqualTo(Outcome.Ready);
            assertThat(revision.attempt().objects()).extracting(ObjectResult::object)
                    .containsExactly(new ObjectRef("v1", "ConfigMap", "counting", "web"));
        });
        assertThat(dev().configMaps().inNamespace("counting").withName("web").get().getData())
                .containsEntry("tag", "1.2");
        asAdmin().get("/api/releases/dev/counting/web/history").then().statusCode(200)
                .body("revision", contains(1, 2, 3))
                .body("outcome", contains("Ready", "Ready", "Ready"))
                .body("inputDigest", contains("counting-1.0", "counting-1.1", "counting-1.2"))
                .body("[2].sourceSha", equalTo("sha-counting-1.2"))
                .body("[2].objects[0].object.name", equalTo("web"));
        asAdmin().get("/api/releases/dev/counting/nothing/history").then().statusCode(404);
    }

    @Test
    void helmsOwnRecordsShowTheDeployedRevisionAndTheSupersededOnes() {
        ReleaseKey release = new ReleaseKey("dev", "helmish", "web");
        int revision = 0;
        for (String tag : List.of("1.0", "1.1")) {
            topics.publish(Renders.chart(release, "helmish-" + tag, List.of(configMap("web", null, Map.of("tag", tag)))));
            awaitRevision(release, ++revision);
        }

        Map<String, String> statuses = await().atMost(PATIENCE).until(() -> helmRecords("helmish"),
                records -> "superseded".equals(records.get("sh.helm.release.v1.web.v1")));
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sh.helm.release.v1.web.v1", "superseded", "sh.helm.release.v1.web.v2", "deployed"));
        Secret latest = dev().secrets().inNamespace("helmish").withName("sh.helm.release.v1.web.v2").get();
        assertThat(latest.getType()).isEqualTo("helm.sh/release.v1");
        assertThat(latest.getMetadata().getLabels()).containsEntry("owner", "helm").containsEntry("name", "web")
                .containsEntry("version", "2");
        Map<String, Object> record = HelmReleaseRecord.decode(
                new String(Base64.getDecoder().decode(latest.getData().get("release")), StandardCharsets.US_ASCII));
        assertThat(record).containsEntry("name", "web").containsEntry("namespace", "helmish").containsEntry("version", 2);
        assertThat(record.get("info")).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("status", "deployed");
        assertThat((String) record.get("manifest")).contains("name: \"web\"").contains("tag: \"1.1\"");

        topics.publish(Renders.removed(release));
        awaitRevision(release, 3);
        assertThat(helmRecords("helmish")).isEmpty();
    }

    @Test
    void objectsLeftOutOfTheNextRevisionArePrunedAndARemovedReleaseIsUninstalled() {
        ReleaseKey release = new ReleaseKey("dev", "pruned", "web");
        topics.publish(Renders.chart(release, "pruned-1", List.of(configMap("web", null, Map.of()),
                configMap("old", null, Map.of()), kept(configMap("precious", null, Map.of())))));
        awaitRevision(release, 1);

        topics.publish(Renders.chart(release, "pruned-2", List.of(configMap("web", null, Map.of("v", "2")),
                configMap("new", null, Map.of()))));
        Envelope<ReleaseApplied> upgraded = awaitRevision(release, 2);

        assertThat(upgraded.payload().outcome()).isEqualTo(Outcome.Ready);
        assertThat(configMaps("pruned")).containsExactly("new", "precious", "web");

        topics.publish(Renders.removed(release));
        Envelope<ReleaseApplied> uninstalled = awaitRevision(release, 3);

        assertThat(uninstalled.payload().outcome()).isEqualTo(Outcome.Uninstalled);
        assertThat(configMaps("pruned")).containsExactly("precious");
        assertThat(history.revisions(release)).extracting(revision -> revision.attempt().outcome())
                .containsExactly(Outcome.Ready, Outcome.Ready, Outcome.Uninstalled);
    }

    @Test
    void aReleaseIsProgressingWhileItsDeploymentRollsOutThenReady() {
        ReleaseKey release = new ReleaseKey("dev", "rolling", "web");
        cluster("dev").rolloutAutomatically(false);
        try {
            topics.publish(Renders.chart(release, "rolling-1", List.of(deployment("web", 2))));
            Envelope<ReleaseApplied> progressing = awaitOutcome(release, Outcome.Progressing);
            assertThat(progressing.payload().revision()).isEqualTo(1);

            Deployment live = dev().apps().deployments().inNamespace("rolling").withName("web").get();
            live.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(2)
                    .withUpdatedReplicas(2).withAvailableReplicas(2).withReadyReplicas(2).build());
            dev().resource(live).updateStatus();
        } finally {
            cluster("dev").rolloutAutomatically(true);
        }

        Envelope<ReleaseApplied> ready = awaitOutcome(release, Outcome.Ready);
        assertThat(ready.payload().revision()).isEqualTo(1);
        assertThat(topics.applied(release)).extracting(event -> event.payload().outcome())
                .containsExactly(Outcome.Progressing, Outcome.Ready);
    }

    @Test
    void aRolloutThatDoesNotFinishInTheReleaseTimeoutFailsNamingTheObject() {
        ReleaseKey release = new ReleaseKey("dev", "stuck", "web");
        ReleaseOptions twoSeconds = ReleaseOptions.builder().timeoutSeconds(2).build();
        cluster("dev").rolloutAutomatically(false);
        try {
            topics.publish(Renders.with(Renders.chart(release, "stuck-1", List.of(deployment("web", 1))), twoSeconds));
            Envelope<ReleaseApplied> failed = awaitOutcome(release, Outcome.Failed);

            assertThat(failed.payload().error()).isEqualTo("not healthy within 2s: Deployment stuck/web: "
                    + "the controller has not observed generation 1");
        } finally {
            cluster("dev").rolloutAutomatically(true);
        }
    }

    @Test
    void aSuspendedReleaseAppliesNothingAndIsReportedSuspended() {
        ReleaseKey release = new ReleaseKey("dev", "paused", "web");
        ReleaseOptions suspended = ReleaseOptions.builder().suspend(true).build();

        topics.publish(Renders.with(Renders.chart(release, "paused-1", List.of(configMap("web", null, Map.of()))),
                suspended));

        assertThat(awaitRevision(release, 1).payload().outcome()).isEqualTo(Outcome.Suspended);
        assertThat(dev().namespaces().withName("paused").get()).isNull();
    }

    @Test
    void aReleaseWaitsForTheReleasesItDependsOnAndIsAppliedOnceTheyAreReady() {
        ReleaseKey app = new ReleaseKey("dev", "shopfront", "web");
        ReleaseKey db = new ReleaseKey("dev", "shopdata", "db");
        ReleaseOptions afterDb = ReleaseOptions.builder().dependsOn(List.of("shopdata/db")).build();

        topics.publish(Renders.with(Renders.chart(app, "shopfront-1", List.of(configMap("web", null, Map.of()))),
                afterDb));
        Envelope<ReleaseApplied> waiting = awaitOutcome(app, Outcome.Progressing);
        assertThat(waiting.payload().error()).isEqualTo("waiting for dev/shopdata/db to be Ready (dependsOn)");
        assertThat(dev().configMaps().inNamespace("shopfront").withName("web").get()).isNull();

        topics.publish(Renders.chart(db, "shopdata-1", List.of(configMap("db", null, Map.of()))));

        assertThat(awaitOutcome(app, Outcome.Ready).payload().revision()).isEqualTo(1);
        assertThat(dev().configMaps().inNamespace("shopfront").withName("web").get()).isNotNull();
    }

    @Test
    void anUpgradeThatKeepsFailingIsRetriedThenRolledBackToTheLastReadyRevisionWhichHelmRecordsAsARollback() {
        ReleaseKey release = new ReleaseKey("dev", "remedied", "web");
        ReleaseOptions oneRetry = ReleaseOptions.builder().timeoutSeconds(1).upgradeRetries(1).remediateLastFailure(true)
                .build();
        topics.publish(Renders.with(Renders.chart(release, "remedied-1",
                List.of(configMap("web", null, Map.of("v", "1")))), oneRetry));
        assertThat(awaitRevision(release, 1).payload().outcome()).isEqualTo(Outcome.Ready);

        cluster("dev").rolloutAutomatically(false);
        Envelope<ReleaseApplied> rolledBack;
        try {
            topics.publish(Renders.with(Renders.chart(release, "remedied-2",
                    List.of(configMap("web", null, Map.of("v", "2")), deployment("web", 1))), oneRetry));
            rolledBack = awaitOutcome(release, Outcome.RolledBack);
        } finally {
            cluster("dev").rolloutAutomatically(true);
        }

        assertThat(rolledBack.payload().revision()).isEqualTo(2);
        assertThat(rolledBack.payload().error()).isEqualTo("upgrade failed after 2 attempts: not healthy within 1s: "
                + "Deployment remedied/web: the controller has not observed generation 1; rolled back to revision 1");
        assertThat(topics.applied(release)).as("each attempt waited for the Deployment, saying so")
                .extracting(event -> event.payload().revision() + " " + event.payload().outcome())
                .containsExactly("1 Ready", "2 Progressing", "2 Progressing", "2 RolledBack");
        assertThat(dev().configMaps().inNamespace("remedied").withName("web").get().getData()).containsEntry("v", "1");
        assertThat(dev().apps().deployments().inNamespace("remedied").withName("web").get()).isNull();
        Map<String, String> statuses = await().atMost(PATIENCE).until(() -> helmRecords("remedied"),
                records -> records.size() == 3);
        assertThat(statuses).as("the failed upgrade and the rollback are a Helm revision each")
                .containsExactlyInAnyOrderEntriesOf(Map.of("sh.helm.release.v1.web.v1", "superseded",
                        "sh.helm.release.v1.web.v2", "superseded", "sh.helm.release.v1.web.v3", "deployed"));
        Map<String, Object> record = helmRecord("remedied", "sh.helm.release.v1.web.v3");
        assertThat(record.get("info")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("status", "deployed").containsEntry("description", "Rollback to 1");
        assertThat((String) record.get("manifest")).contains("v: \"1\"").doesNotContain("Deployment");
    }

    @Test
    void anInstallThatKeepsFailingIsTriedAsOftenAsItsRetriesAllowThenFailsCountingTheAttempts() {
        ReleaseKey release = new ReleaseKey("dev", "retried", "web");
        ReleaseOptions twoRetries = ReleaseOptions.builder().timeoutSeconds(1).installRetries(2).build();
        cluster("dev").rolloutAutomatically(false);
        Envelope<ReleaseApplied> failed;
        try {
            topics.publish(Renders.with(Renders.chart(release, "retried-1",
                    List.of(configMap("web", null, Map.of()), deployment("web", 1))), twoRetries));
            failed = awaitOutcome(release, Outcome.Failed);
        } finally {
            cluster("dev").rolloutAutomatically(true);
        }

        assertThat(failed.payload().revision()).isEqualTo(1);
        assertThat(failed.payload().error()).isEqualTo("install failed after 3 attempts: not healthy within 1s: "
                + "Deployment retried/web: the controller has not observed generation 1");
        assertThat(topics.applied(release)).extracting(event -> event.payload().outcome())
                .containsExactly(Outcome.Progressing, Outcome.Progressing, Outcome.Progressing, Outcome.Failed);
        assertThat(configMaps("retried")).as("a failed install deletes nothing").containsExactly("web");
    }

    @Test
    void realHelmListsFlotillasReleasesAndShowsTheirHistory(@TempDir Path dir) {
        ReleaseKey release = new ReleaseKey("dev", "helmlisted", "web");
        int revision = 0;
        for (String tag : List.of("1.0", "1.1")) {
            topics.publish(Renders.chart(release, "helmlisted-" + tag,
                    List.of(configMap("web", null, Map.of("tag", tag)))));
            awaitRevision(release, ++revision);
        }
        await().atMost(PATIENCE).until(() -> helmRecords("helmlisted"),
                records -> "superseded".equals(records.get("sh.helm.release.v1.web.v1")));
        Path kubeconfig = ClustersTestResource.fleet().writeKubeconfig(dir.resolve("kubeconfig"));

        List<Release> listed = Helm.list().withKubeConfig(kubeconfig).withNamespace("helmlisted").call();
        List<com.marcnuri.helm.ReleaseHistory> helmHistory = Helm.history("web").withKubeConfig(kubeconfig).withNamespace("helmlisted")
                .call();

        assertThat(listed).extracting(Release::getName, Release::getRevision, Release::getStatus, Release::getChart)
                .containsExactly(tuple("web", "2", "deployed", "web-1.0.0"));
        assertThat(helmHistory).extracting(entry -> tuple(entry.getRevision(), entry.getStatus(),
                entry.getDescription())).containsExactly(tuple(1, "superseded", "Install complete"),
                        tuple(2, "deployed", "Upgrade complete"));
    }

    @Test
    void driftOnAReleaseWithDriftCorrectionEnabledIsUndoneFromItsReadyRevision() {
        ReleaseKey release = new ReleaseKey("dev", "drifting", "web");
        ReleaseOptions correcting = ReleaseOptions.builder().driftDetection(DriftMode.ENABLED).build();
        topics.publish(Renders.with(Renders.chart(release, "drifting-1",
                List.of(configMap("web", null, Map.of("v", "1")), configMap("other", null, Map.of("v", "1")))),
                correcting));
        assertThat(awaitRevision(release, 1).payload().outcome()).isEqualTo(Outcome.Ready);
        dev().configMaps().inNamespace("drifting").withName("web").edit(configMap -> {
            configMap.getData().put("v", "tampered");
            return configMap;
        });

        topics.publishDrift(new DriftFound(release, 1, List.of(new DriftFound.DriftedObject(
                new ObjectRef("v1", "ConfigMap", "drifting", "web"), List.of("/data/v"), false, "kubectl", null))));

        await().atMost(PATIENCE).until(() -> "1".equals(dev().configMaps().inNamespace("drifting").withName("web").get()
                .getData().get("v")));
        assertThat(topics.applied(release)).as("drift correction makes no revision").hasSize(1);
    }

    @Test
    void driftOnAReleaseInWarnModeIsOnlyReportedAndNothingIsWritten() {
        ReleaseKey release = new ReleaseKey("dev", "warned", "web");
        ReleaseOptions warning = ReleaseOptions.builder().driftDetection(DriftMode.WARN).build();
        topics.publish(Renders.with(Renders.chart(release, "warned-1",
                List.of(configMap("web", null, Map.of("v", "1")))), warning));
        assertThat(awaitRevision(release, 1).payload().outcome()).isEqualTo(Outcome.Ready);
        dev().configMaps().inNamespace("warned").withName("web").edit(configMap -> {
            configMap.getData().put("v", "tampered");
            return configMap;
        });
        long writes = cluster("dev").writeCount();

        RecordMetadata drift = topics.publishDrift(new DriftFound(release, 1, List.of(new DriftFound.DriftedObject(
                new ObjectRef("v1", "ConfigMap", "warned", "web"), List.of("/data/v"), false, "kubectl", null))));
        await().atMost(PATIENCE).until(() -> topics.committedOffset(Topic.DRIFT, drift.partition()) > drift.offset());

        assertThat(dev().configMaps().inNamespace("warned").withName("web").get().getData())
                .containsEntry("v", "tampered");
        assertThat(cluster("dev").writeCount()).isEqualTo(writes);
        assertThat(topics.applied(release)).hasSize(1);
    }

    @Test
    void aReleaseInANamespaceBeingDeletedFailsNamingTheObjectPrunesNothingAndOthersGoOn() {
        ReleaseKey release = new ReleaseKey("dev", "ending", "web");
        topics.publish(Renders.chart(release, "ending-1", List.of(configMap("web", null, Map.of("v", "1")),
                configMap("old", null, Map.of()))));
        assertThat(awaitRevision(release, 1).payload().outcome()).isEqualTo(Outcome.Ready);
        cluster("dev").terminateNamespace("ending");

        topics.publish(Renders.chart(release, "ending-2", List.of(configMap("web", null, Map.of("v", "2")),
                configMap("new", null, Map.of()))));
        ReleaseKey other = new ReleaseKey("dev", "thriving", "web");
        topics.publish(Renders.chart(other, "thriving-1", List.of(configMap("web", null, Map.of()))));

        Envelope<ReleaseApplied> failed = awaitRevision(release, 2);
        assertThat(failed.payload().outcome()).isEqualTo(Outcome.Failed);
        assertThat(failed.payload().error()).isEqualTo("the API server refused 1 of 2 objects in a dry run; nothing "
                + "was applied: ConfigMap ending/new: unable to create new content in namespace ending because it is "
                + "being terminated");
        assertThat(configMaps("ending")).containsExactly("old", "web");
        assertThat(dev().configMaps().inNamespace("ending").withName("web").get().getData()).containsEntry("v", "1");
        assertThat(awaitRevision(other, 1).payload().outcome()).isEqualTo(Outcome.Ready);
    }

    @Test
    void aRecordThatIsNotAReleaseRenderedGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        topics.publishRaw("dev/junk/junk", "{\"type\": \"SomethingElse\"}");
        ReleaseKey after = new ReleaseKey("dev", "junk", "after");
        topics.publish(Renders.chart(after, "after-1", List.of(configMap("after", null, Map.of()))));

        assertThat(awaitRevision(after, 1).payload().outcome()).isEqualTo(Outcome.Ready);
        await().atMost(PATIENCE).until(() -> topics.deadLetters().stream()
                .anyMatch(record -> "dev/junk/junk".equals(record.key())));
    }

    @Test
    void theServiceIsReadyWhenKafkaAndItsDatabaseAnswer() {
        asAdmin().get("/q/health/ready").then().statusCode(200);
    }

    private static Envelope<ReleaseApplied> awaitRevision(ReleaseKey release, int revision) {
        return await().atMost(PATIENCE).until(
                () -> topics.applied(release).stream().filter(event -> event.payload().revision() == revision)
                        .findFirst().orElse(null),
                event -> event != null);
    }

    private static List<String> configMaps(String namespace) {
        return dev().configMaps().inNamespace(namespace).list().getItems().stream()
                .map(configMap -> configMap.getMetadata().getName()).sorted().toList();
    }

    /** Helm's release records in the namespace, by name, with the status Helm would show. */
    private static Map<String, String> helmRecords(String namespace) {
        return dev().secrets().inNamespace(namespace).withLabel("owner", "helm").list().getItems().stream()
                .collect(Collectors.toMap(secret -> secret.getMetadata().getName(),
                        secret -> secret.getMetadata().getLabels().get("status")));
    }

    private static Map<String, Object> helmRecord(String namespace, String name) {
        Secret secret = dev().secrets().inNamespace(namespace).withName(name).get();
        return HelmReleaseRecord.decode(
                new String(Base64.getDecoder().decode(secret.getData().get("release")), StandardCharsets.US_ASCII));
    }

    private static Envelope<ReleaseApplied> awaitOutcome(ReleaseKey release, Outcome outcome) {
        return topics.awaitOutcome(release, outcome);
    }

    private static long writeOrder(HasMetadata object) {
        assertThat(object).isNotNull();
        return Long.parseLong(object.getMetadata().getResourceVersion());
    }

    private static ResourceDefinitionContext widgets() {
        return new ResourceDefinitionContext.Builder().withGroup("example.com").withVersion("v1")
                .withKind("Widget").withPlural("widgets").withNamespaced(true).build();
    }

    private static KubernetesClient dev() {
        return cluster("dev").client();
    }

    private static SimulatedCluster cluster(String name) {
        return ClustersTestResource.fleet().cluster(name);
    }
}
