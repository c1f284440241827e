package io.flotilla.observer.dashboard;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.CompressedObjects;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Tenant;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.flotilla.testing.security.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The dashboard page as a browser gets it, fed through the topics as the other services feed the observer. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class DashboardTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "flotilla.topic-prefix")
    String topicPrefix;

    @Test
    void showsACardPerClusterTheReleaseMatrixAndTheDriftList() {
        await().untilAsserted(() -> {
            String page = asAdmin().when().get("/").then().statusCode(200).contentType("text/html").extract().asString();
            assertThat(page).contains("data-cluster=\"dev\"", "data-cluster=\"prod\"", "id=\"matrix\"", "id=\"drift\"",
                    "<script src=\"/dashboard.js\"></script>");
        });
    }

    @Test
    void aCommitsJourneyAndItsReleasesShowOnThePage() {
        String app = "web-" + UUID.randomUUID().toString().substring(0, 8);
        String sha = UUID.randomUUID().toString().replace("-", "");
        ReleaseKey key = new ReleaseKey("dev", "apps", app);
        Envelope<CommitDetected> commit = Envelope.first("git-watcher", new CommitDetected("/srv/fleet", "main", sha,
                null, List.of("releases/dev/app.yaml"), "Ann", "Deploy " + app, Instant.now()));
        Envelope<ReleaseRendered> rendered = Envelope.causedBy(commit, "renderer", new ReleaseRendered(key,
                ReleaseFormat.FLUX_V1, "/srv/fleet", sha, "releases/dev/app.yaml", "hello", "1.0.0", "chart", "values",
                "input", 1, CompressedObjects.of(List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap"))), null));
        Envelope<ReleaseApplied> applied = Envelope.causedBy(rendered, "applier", new ReleaseApplied(key, 1,
                Outcome.Ready, sha, "releases/dev/app.yaml", "hello", "1.0.0", "input",
                List.of(ObjectResult.applied(new ObjectRef("v1", "ConfigMap", "apps", app))), 40, Instant.now(), null));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topicPrefix + "commits", commit.key(), EventCodec.encode(commit)));
            producer.send(new ProducerRecord<>(topicPrefix + "rendered", rendered.key(), EventCodec.encode(rendered)));
            producer.send(new ProducerRecord<>(topicPrefix + "applied", applied.key(), EventCodec.encode(applied)));
        }

        await().untilAsserted(() -> {
            String page = asAdmin().queryParam("commit", sha).queryParam("release", app).when().get("/").then()
                    .statusCode(200).extract().asString();
            assertThat(page).contains("Journey of <code>" + sha + "</code>", "<tr><td>dev</td><td>1</td><td>0</td>",
                    "<tr><td>dev/apps/" + app + "</td>", "releases 1-1 of 1", "<th scope=\"row\">apps/" + app + "</th>",
                    "Deploy " + app);
        });
    }

    @Test
    void aFailedReleaseShowsItsReasonInTheHeadlineTheMatrixFilteredByStatusAndOnItsPage() {
        String app = "broken-" + UUID.randomUUID().toString().substring(0, 8);
        String reason = "Deployment apps/" + app + ": spec.template.spec.containers[0].image: Required value";
        ReleaseKey key = new ReleaseKey("dev", "apps", app);
        send("applied", Envelope.first("applier", ReleaseApplied.builder().release(key).revision(1)
                .outcome(Outcome.Failed).sourceSha("c0ffee1").chart("hello", "1.0.0").appliedAt(Instant.now())
                .objects(List.of(ObjectResult.failed(new ObjectRef("apps/v1", "Deployment", "apps", app), reason)))
                .error(reason).build()));

        await().untilAsserted(() -> assertThat(asAdmin().queryParam("status", "Failed").queryParam("release", app).when()
                .get("/").then().statusCode(200).extract().asString()).contains("releases 1-1 of 1",
                        "<a href=\"/releases/dev/apps/" + app + "\">dev/apps/" + app + "</a> <span class=\"why\">r1: "
                                + reason + "</span>",
                        "<td class=\"Failed\" title=\"" + reason + "\nlast reconcile "));
        assertThat(asAdmin().queryParam("status", "Ready").queryParam("release", app).when().get("/").then()
                .statusCode(200).extract().asString()).contains("releases 0-0 of 0", "No release matches.");
        assertThat(asAdmin().when().get("/releases/dev/apps/" + app).then().statusCode(200).contentType("text/html").extract()
                .asString()).contains("<h1>" + app + "</h1>", "<h2>Why it is Failed</h2><p class=\"reason\">" + reason,
                        "<td class=\"reason\">" + reason + "</td>", "<td>ReleaseApplied</td><td>applier</td>");
        assertThat(TestTokens.as(TestTokens.VIEWER).when().get("/releases/dev/apps/" + app).then().statusCode(200)
                .extract().asString()).contains("need the operator role").doesNotContain("/actions/reconcile");
    }

    @Test
    void aTenantsReleasesAreWhatTheMatrixAndTheApiShowFilteredByTenant() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ReleaseKey teams = new ReleaseKey("dev", "team-a", "shop-" + suffix);
        ReleaseKey platform = new ReleaseKey("dev", "ingress", "shop-proxy-" + suffix);
        Tenant teamA = new Tenant("team-a-" + suffix, List.of("team-a"), List.of("Deployment"), "team-a",
                "flotilla-tenant-team-a");
        for (ReleaseKey key : List.of(teams, platform)) {
            send("rendered", Envelope.first("renderer", ReleaseRendered.builder().release(key)
                    .format(ReleaseFormat.FLUX_V2).repository("/srv/fleet").sourceSha("c0ffee2")
                    .sourceFile("tenants/team-a/shop.yaml").chart("hello", "1.0.0").inputDigest("input")
                    .objects(List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap")))
                    .tenant(key == teams ? teamA : null).build()));
            send("applied", Envelope.first("applier", ReleaseApplied.builder().release(key).revision(1)
                    .outcome(Outcome.Ready).sourceSha("c0ffee2").chart("hello", "1.0.0").appliedAt(Instant.now())
                    .build()));
        }

        await().untilAsserted(() -> assertThat(asAdmin().queryParam("tenant", teamA.name()).when().get("/api/releases")
                .then().statusCode(200).extract().jsonPath().getList("", Map.class))
                .singleElement().satisfies(release -> {
                    assertThat(release).containsEntry("name", teams.name()).containsEntry("tenant", teamA.name());
                }));
        assertThat(asAdmin().queryParam("tenant", teamA.name()).queryParam("release", "shop").when().get("/").then()
                .statusCode(200).extract().asString()).contains("releases 1-1 of 1",
                        "<th scope=\"row\">team-a/" + teams.name() + "</th>")
                .doesNotContain("ingress/" + platform.name());
        // The platform's release is on another partition: kept in its own time.
        await().untilAsserted(() -> assertThat(asAdmin().queryParam("namespace", "ingress").when().get("/api/releases")
                .then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.name == '" + platform.name() + "' }", Map.class))
                .singleElement().satisfies(release -> assertThat(release).containsEntry("tenant", null)));
    }

    @Test
    void aTenantsMemberSeesItsTenantsReleasesOnly() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ReleaseKey ours = new ReleaseKey("dev", "team-a", "cart-" + suffix);
        ReleaseKey theirs = new ReleaseKey("dev", "team-b", "cart-" + suffix);
        ReleaseKey platform = new ReleaseKey("dev", "ingress", "cart-proxy-" + suffix);
        Map<ReleaseKey, Tenant> tenants = new HashMap<>();
        tenants.put(ours, new Tenant("team-a", List.of("team-a"), List.of("Deployment"), "team-a", "deployer"));
        tenants.put(theirs, new Tenant("team-b", List.of("team-b"), List.of("Deployment"), "team-b", "deployer"));
        tenants.put(platform, null);
        tenants.forEach((key, tenant) -> {
            send("rendered", Envelope.first("renderer", ReleaseRendered.builder().release(key)
                    .format(ReleaseFormat.FLUX_V2).repository("/srv/fleet").sourceSha("c0ffee3")
                    .sourceFile("tenants/cart.yaml").chart("hello", "1.0.0").inputDigest("input")
                    .objects(List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap"))).tenant(tenant).build()));
            send("applied", Envelope.first("applier", ReleaseApplied.builder().release(key).revision(1)
                    .outcome(Outcome.Ready).sourceSha("c0ffee3").chart("hello", "1.0.0").appliedAt(Instant.now())
                    .build()));
        });
        await().untilAsserted(() -> {
            assertThat(asAdmin().queryParam("tenant", "team-a").when().get("/api/releases").then().statusCode(200)
                    .extract().jsonPath().getList("name", String.class)).contains(ours.name());
            assertThat(asAdmin().queryParam("tenant", "team-b").when().get("/api/releases").then().statusCode(200)
                    .extract().jsonPath().getList("name", String.class)).contains(theirs.name());
            asAdmin().when().get("/releases/" + platform).then().statusCode(200);
        });

        List<Map> seen = TestTokens.as(TestTokens.TEAM_A_OPERATOR).when().get("/api/releases").then().statusCode(200)
                .extract().jsonPath().getList("", Map.class);
        assertThat(seen).allSatisfy(release -> assertThat(release).containsEntry("tenant", "team-a"))
                .anySatisfy(release -> assertThat(release).containsEntry("name", ours.name())
                        .containsEntry("namespace", "team-a"));
        String overview = TestTokens.as(TestTokens.TEAM_A_OPERATOR).when().get("/").then().statusCode(200)
                .extract().asString();
        assertThat(overview).contains("<h1 id=\"releases-heading\">Releases of tenant team-a</h1>",
                "<a href=\"/releases/dev/team-a/" + ours.name() + "\">team-a/" + ours.name() + "</a>")
                .doesNotContain("team-b/" + theirs.name(), platform.name(), "data-cluster=");
        assertThat(TestTokens.as(TestTokens.TEAM_A_OPERATOR).when().get("/releases/" + ours).then().statusCode(200)
                .extract().asString()).contains("<h1>" + ours.name() + "</h1>");
        for (ReleaseKey other : List.of(theirs, platform)) {
            TestTokens.as(TestTokens.TEAM_A_OPERATOR).when().get("/releases/" + other).then().statusCode(404);
            TestTokens.as(TestTokens.TEAM_A_OPERATOR).when().get("/api/releases/" + other + "/history").then()
                    .statusCode(404);
        }
        TestTokens.as(TestTokens.TEAM_A_OPERATOR).when().get("/api/clusters").then().statusCode(403)
                .body("message", equalTo("test-team-a is a member of tenant team-a and sees"
                        + " and acts on its releases only; this is the platform team's"));
        TestTokens.as(TestTokens.TEAM_A_OPERATOR).when().get("/api/events").then().statusCode(403);
    }

    @Test
    void aReleasePageShowsItsObjectsOnTheClusterUnderTheirOwnersWithHealthAndHowItsHooksEnded() {
        String app = "tree-" + UUID.randomUUID().toString().substring(0, 8);
        SimulatedCluster cluster = ClustersTestResource.fleet().cluster("dev");
        KubernetesClient dev = cluster.client();
        Deployment deployment = dev.apps().deployments().inNamespace("default").resource(new DeploymentBuilder()
                .withNewMetadata().withName(app).endMetadata().withNewSpec().withReplicas(1).withNewSelector()
                .addToMatchLabels("app", app).endSelector().withNewTemplate().withNewMetadata().addToLabels("app", app)
                .endMetadata().withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
        // What the cluster's controllers would make of it: a ReplicaSet owned by it, a Pod owned by the ReplicaSet.
        ReplicaSet replicaSet = dev.apps().replicaSets().inNamespace("default").resource(new ReplicaSetBuilder()
                .withMetadata(ownedBy(app + "-5d9f", deployment)).withNewSpec().withReplicas(1).withNewSelector()
                .addToMatchLabels("app", app).endSelector().withNewTemplate().withNewMetadata().addToLabels("app", app)
                .endMetadata().withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
        dev.pods().inNamespace("default").resource(new PodBuilder().withMetadata(ownedBy(app + "-5d9f-a", replicaSet))
                .withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer().endSpec().build())
                .create();
        cluster.rolloutAutomatically(false);
        try {
            dev.pods().inNamespace("default").resource(new PodBuilder().withMetadata(ownedBy(app + "-5d9f-b",
                    replicaSet)).withNewSpec().addNewContainer().withName("web").withImage("nginx:nope")
                    .endContainer().endSpec().build()).create();
            dev.pods().inNamespace("default").withName(app + "-5d9f-b").editStatus(pod -> new PodBuilder(pod)
                    .withNewStatus().withPhase("Pending").addNewContainerStatus().withName("web").withNewState()
                    .withNewWaiting().withReason("ImagePullBackOff").withMessage("Back-off pulling image nginx:nope")
                    .endWaiting().endState().endContainerStatus().endStatus().build());
        } finally {
            cluster.rolloutAutomatically(true);
        }
        ReleaseKey key = new ReleaseKey("dev", "default", app);
        send("applied", Envelope.first("applier", ReleaseApplied.builder().release(key).revision(1)
                .outcome(Outcome.Failed).appliedAt(Instant.now()).error("hook Job default/" + app + "-smoke failed")
                .objects(List.of(ObjectResult.applied(new ObjectRef("apps/v1", "Deployment", "default", app)),
                        ObjectResult.applied(new ObjectRef("apps/v1", "Deployment", "default", app + "-gone")),
                        new ObjectResult(new ObjectRef("batch/v1", "Job", "default", app + "-migrate"),
                                ObjectAction.HOOK, null),
                        new ObjectResult(new ObjectRef("batch/v1", "Job", "default", app + "-smoke"),
                                ObjectAction.HOOK, "job " + app + "-smoke failed: BackoffLimitExceeded")))
                .build()));

        await().untilAsserted(() -> assertThat(asAdmin().when().get("/releases/dev/default/" + app).then().statusCode(200)
                .extract().asString()).contains(
                        "<li><span class=\"kind\">Deployment</span> default/" + app
                                + " <span class=\"status s-ok\" data-shape=\"✓\">Healthy</span><ul>"
                                + "<li><span class=\"kind\">ReplicaSet</span> default/" + app + "-5d9f"
                                + " <span class=\"status s-ok\" data-shape=\"✓\">Healthy</span><ul>"
                                + "<li><span class=\"kind\">Pod</span> default/" + app + "-5d9f-a"
                                + " <span class=\"status s-ok\" data-shape=\"✓\">Healthy</span></li>"
                                + "<li><span class=\"kind\">Pod</span> default/" + app + "-5d9f-b"
                                + " <span class=\"status s-bad\" data-shape=\"✕\">Degraded</span>"
                                + " <span class=\"reason\">container web: ImagePullBackOff: Back-off pulling image "
                                + "nginx:nope</span></li></ul></li></ul></li>",
                        "<li><span class=\"kind\">Deployment</span> default/" + app + "-gone <span class=\"status "
                                + "s-bad\" data-shape=\"∅\">Missing</span> <span class=\"reason\">not on the cluster"
                                + "</span></li>",
                        "<tr><td>r1</td><td>Job default/" + app + "-migrate</td><td><span class=\"status s-ok\" "
                                + "data-shape=\"✓\">succeeded</span>",
                        "<tr><td>r1</td><td>Job default/" + app + "-smoke</td><td><span class=\"status s-bad\" "
                                + "data-shape=\"✕\">failed</span></td><td class=\"reason\">job " + app
                                + "-smoke failed: BackoffLimitExceeded</td>"));

        dev.pods().inNamespace("default").withName(app + "-5d9f-b").delete();
        await().untilAsserted(() -> assertThat(asAdmin().when().get("/releases/dev/default/" + app).then().statusCode(200)
                .extract().asString()).contains("default/" + app + "-5d9f-a").doesNotContain(app + "-5d9f-b"));
    }

    private static ObjectMeta ownedBy(String name, HasMetadata owner) {
        return new ObjectMetaBuilder().withName(name).addToLabels("app", owner.getMetadata().getName())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion())
                        .withKind(owner.getKind()).withName(owner.getMetadata().getName())
                        .withUid(owner.getMetadata().getUid()).withController(true).build()).build();
    }

    @Test
    void theMatrixShowsOnlyTheReleasesOfTheClustersChosenByLabel() {
        String app = "chosen-" + UUID.randomUUID().toString().substring(0, 8);
        send("applied", Envelope.first("applier", ReleaseApplied.builder().release(new ReleaseKey("dev", "apps", app))
                .revision(1).outcome(Outcome.Ready).appliedAt(Instant.now()).build()));
        await().untilAsserted(() -> assertThat(asAdmin().queryParam("release", app).when().get("/").then()
                .statusCode(200).extract().asString()).contains("releases 1-1 of 1"));

        String elsewhere = asAdmin().queryParam("release", app).queryParam("selector", "env=nowhere").when().get("/")
                .then().statusCode(200).extract().asString();

        assertThat(elsewhere).contains("No registered cluster is labelled env=nowhere.", "releases 0-0 of 0");
    }

    @Test
    void theClusterPageShowsItsNodes() {
        await().untilAsserted(() -> assertThat(asAdmin().when().get("/clusters/prod").then().statusCode(200)
                .contentType("text/html").extract().asString()).contains("<h1>prod</h1>", "<table id=\"nodes\">",
                        "<td>prod-control-plane</td>"));
    }

    @Test
    void aReleaseOrClusterNeverSeenIsNotFoundAndSaysWhy() {
        assertThat(asAdmin().when().get("/releases/dev/apps/never-seen").then().statusCode(404).extract().asString())
                .isEqualTo("the observer has seen nothing of release dev/apps/never-seen: no revision applied, "
                        + "rendered or drifted");
        assertThat(asAdmin().when().get("/clusters/nowhere").then().statusCode(404).extract().asString())
                .isEqualTo("no cluster named 'nowhere' is registered");
    }

    @Test
    void aStatusTheMatrixDoesNotKnowIsRefused() {
        assertThat(asAdmin().queryParam("status", "Broken").when().get("/").then().statusCode(400).extract().asString())
                .startsWith("status must be one of Progressing, Ready, Failed");
    }

    @Test
    void theStylesheetAndTheScriptThatFollowsTheEventStreamAreServed() {
        assertThat(asAdmin().when().get("/dashboard.css").then().statusCode(200).contentType(containsString("text/css"))
                .extract().asString()).contains("@media (prefers-color-scheme: dark)", ".s-bad");
        assertThat(asAdmin().when().get("/dashboard.js").then().statusCode(200).extract().asString())
                .contains("'/api/events/stream'", "own.dataset.follow", "document.querySelectorAll('[data-live]')");
    }

    private void send(String topic, Envelope<?> event) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topicPrefix + topic, event.key(), EventCodec.encode(event)));
        }
    }

    @Test
    void aPageSaysHowLongTheObserverTookToMakeIt() {
        asAdmin().when().get("/").then().statusCode(200).header("Server-Timing", matchesPattern("app;dur=[0-9]+\\.[0-9]"));
    }

    @Test
    void aCommitNotSeenIsSaidSo() {
        String page = asAdmin().queryParam("commit", "0badc0de").when().get("/").then().statusCode(200).extract().asString();

        assertThat(page).contains("No commit <code>0badc0de</code> has been detected.");
    }

    @Test
    void aPageBeforeTheFirstIsRefused() {
        asAdmin().queryParam("page", 0).when().get("/").then().statusCode(400);
    }
}
