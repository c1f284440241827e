package io.flotilla.observer.registry;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.clusters.CredentialSeal;
import io.flotilla.events.ClusterRegistered;
import io.flotilla.events.ClusterRemoved;
import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.PullSecretsSynced;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Rollout;
import io.flotilla.events.RolloutHeld;
import io.flotilla.events.Topic;
import io.flotilla.events.sealing.KeyRing;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Clusters registered, relabelled and removed while the observer runs: through the API, a kubeconfig, and cluster
 * Secrets of the home cluster; seen in {@code /api/clusters}, on the dashboard and on the clusters topic. Each test
 * registers clusters of its own.
 */
@QuarkusTest
@TestProfile(RegistryProfile.class)
class ClusterRegistryTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "flotilla.topic-prefix")
    String topicPrefix;

    @Inject
    CredentialSeal seal;

    @ConfigProperty(name = CredentialSeal.EARLIER_KEY)
    String earlierKey;

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    ClusterRegistry registry;

    @Test
    void aClusterRegisteredThroughTheApiIsWatchedAndAnnouncedWithSealedCredentials() {
        String kubeconfig = RegistryFleetTestResource.kubeconfigText("eu-1");
        String server = RegistryFleetTestResource.spare("eu-1").cluster("eu-1").url();

        String answer = register("eu-1", kubeconfig, Map.of("env", "prod", "region", "eu")).then().statusCode(201)
                .extract().asString();

        JsonPath registered = JsonPath.from(answer);
        assertThat(registered.getString("name")).isEqualTo("eu-1");
        assertThat(registered.getString("source")).isEqualTo("api");
        assertThat(registered.getString("server")).isEqualTo(server);
        assertThat(registered.getString("registeredAt")).isNotNull();
        assertThat(answer).doesNotContain("simulated", "kubeconfig", "credentials");
        await().untilAsserted(() -> {
            JsonPath cluster = cluster("eu-1");
            assertThat(cluster.getString("reachability")).isEqualTo("Reachable");
            assertThat(cluster.getList("nodes.name", String.class)).contains("eu-1-control-plane");
            assertThat(cluster.getMap("labels")).isEqualTo(Map.of("env", "prod", "region", "eu"));
            assertThat(cluster.getString("registeredAt")).isEqualTo(registered.getString("registeredAt"));
        });
        assertThat(asAdmin().when().get("/api/clusters").then().statusCode(200).extract().asString())
                .doesNotContain("simulated", "credentials");
        ClusterRegistered announced = (ClusterRegistered) await().until(() -> last("eu-1").orElse(null),
                ClusterRegistered.class::isInstance);
        assertThat(announced.credentials()).startsWith("sealed:v1:test:").doesNotContain(server, "simulated");
        assertThat(announced.labels()).isEqualTo(Map.of("env", "prod", "region", "eu"));
        assertThat(seal.unseal("eu-1", announced.credentials())).contains(server);

        register("eu-1", kubeconfig, Map.of()).then().statusCode(409);
    }

    @Test
    void credentialsSealedBeforeAreSealedAgainWithTheRingAtStartAndOnesOfARemovedKeyLeaveTheOtherClustersAlone()
            throws Throwable {
        String kubeconfig = RegistryFleetTestResource.kubeconfigText("eu-5");
        String server = RegistryFleetTestResource.spare("eu-5").cluster("eu-5").url();
        String ofARemovedKey = KeyRing.parse(KeyRing.newEntry("removed"), "a key since removed").newDataKey()
                .seal(kubeconfig, "cluster gone-1 credentials");
        store("eu-5", server, sealedBeforeTheKeyRing(kubeconfig));
        store("gone-1", "https://gone-1.example.com", ofARemovedKey);

        registry.load();

        assertThat(row("eu-5").credentials).startsWith("sealed:v1:test:");
        assertThat(seal.unseal("eu-5", row("eu-5").credentials)).isEqualTo(kubeconfig);
        ClusterRegistered announced = (ClusterRegistered) await().until(() -> last("eu-5").orElse(null),
                ClusterRegistered.class::isInstance);
        assertThat(announced.credentials()).startsWith("sealed:v1:test:");
        await().untilAsserted(() -> assertThat(cluster("eu-5").getString("reachability")).isEqualTo("Reachable"));
        assertThat(row("gone-1").credentials).as("kept as it was, to open once its key is given back")
                .isEqualTo(ofARemovedKey);
    }

    /** What the observer stored before the key ring sealed credentials: {@code flotilla.clusters.credentials-key}'s. */
    private String sealedBeforeTheKeyRing(String kubeconfig) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(earlierKey), "AES"),
                new GCMParameterSpec(128, nonce));
        byte[] sealed = cipher.doFinal(kubeconfig.getBytes(StandardCharsets.UTF_8));
        return "v1:" + Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    }

    private void store(String name, String server, String credentials) throws Throwable {
        RegistrationRecord row = new RegistrationRecord();
        row.name = name;
        row.labels(Map.of());
        row.server = server;
        row.source = ClusterRegistry.SOURCE_API;
        row.registeredAt = Instant.now();
        row.credentials = credentials;
        VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction(session -> session.persist(row)));
    }

    private RegistrationRecord row(String name) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction(session ->
                session.find(RegistrationRecord.class, name)));
    }

    @Test
    void relabellingReplacesTheLabelsAndWhatIsNotValidIsRefusedWithTheReason() {
        register("eu-2", RegistryFleetTestResource.kubeconfigText("eu-2"), Map.of("env", "dev")).then().statusCode(201);

        asAdmin().contentType(ContentType.JSON).body(Map.of("labels", Map.of("env", "stg", "tier", "web")))
                .put("/api/clusters/eu-2/labels").then().statusCode(200);

        await().untilAsserted(() -> assertThat(cluster("eu-2").getMap("labels"))
                .isEqualTo(Map.of("env", "stg", "tier", "web")));
        await().until(() -> last("eu-2"), event -> event.orElse(null) instanceof ClusterRegistered relabelled
                && relabelled.labels().equals(Map.of("env", "stg", "tier", "web")));
        assertThat(asAdmin().contentType(ContentType.JSON).body(Map.of("labels", Map.of("env", "not valid!")))
                .put("/api/clusters/eu-2/labels").then().statusCode(400).extract().asString())
                .startsWith("label env=not valid! is not valid");
        assertThat(register("EU_2", RegistryFleetTestResource.kubeconfigText("eu-2"), Map.of()).then().statusCode(400)
                .extract().asString()).startsWith("cluster name 'EU_2' is not valid");
        assertThat(register("eu-9", "contexts: [", Map.of()).then().statusCode(400).extract().asString())
                .startsWith("the kubeconfig is not YAML");
        assertThat(asAdmin().contentType(ContentType.JSON).body(Map.of("labels", Map.of("env", "prod")))
                .put("/api/clusters/nowhere/labels").then().statusCode(404).extract().asString())
                .isEqualTo("no cluster named 'nowhere' is registered");
    }

    @Test
    void aRemovedClusterLeavesTheInventoryIsAnnouncedAndNoKubeconfigBringsItBack() {
        register("eu-3", RegistryFleetTestResource.kubeconfigText("eu-3"), Map.of()).then().statusCode(201);
        await().untilAsserted(() -> assertThat(cluster("eu-3").getString("reachability")).isEqualTo("Reachable"));

        asAdmin().queryParam("uninstall", true).delete("/api/clusters/eu-3").then().statusCode(204);

        asAdmin().when().get("/api/clusters/eu-3").then().statusCode(404);
        assertThat(asAdmin().when().get("/api/clusters").then().statusCode(200).extract().jsonPath()
                .getList("cluster", String.class)).doesNotContain("eu-3");
        ClusterRemoved removed = (ClusterRemoved) await().until(() -> last("eu-3").orElse(null),
                ClusterRemoved.class::isInstance);
        assertThat(removed.uninstall()).isTrue();
        asAdmin().delete("/api/clusters/eu-3").then().statusCode(404);

        assertThat(registry.seed(RegistryFleetTestResource.kubeconfig("eu-3"))).isEmpty();
        assertThat(registry.seed(RegistryFleetTestResource.kubeconfig("eu-4"))).containsExactly("eu-4");

        asAdmin().when().get("/api/clusters/eu-3").then().statusCode(404);
        assertThat(last("eu-3")).containsInstanceOf(ClusterRemoved.class);
        await().untilAsserted(() -> {
            JsonPath seeded = cluster("eu-4");
            assertThat(seeded.getString("source")).isEqualTo("kubeconfig");
            assertThat(seeded.getString("reachability")).isEqualTo("Reachable");
        });
    }

    @Test
    void theKubeconfigGivenAtStartIsRegistered() {
        await().untilAsserted(() -> {
            JsonPath seed = cluster("seed");
            assertThat(seed.getString("source")).isEqualTo("kubeconfig");
            assertThat(seed.getMap("labels")).isEqualTo(Map.of("env", "dev"));
            assertThat(seed.getBoolean("reachable")).isTrue();
        });
        assertThat(last("seed")).containsInstanceOf(ClusterRegistered.class);
    }

    @Test
    void aServerThatDoesNotAnswerIsRegisteredAndShownUnreachable() throws Exception {
        register("far", kubeconfigOf("far", "http://127.0.0.1:" + closedPort()), Map.of("env", "far"))
                .then().statusCode(201);

        await().untilAsserted(() -> {
            JsonPath far = cluster("far");
            assertThat(far.getString("reachability")).isEqualTo("Unreachable");
            assertThat(far.getBoolean("reachable")).isFalse();
            assertThat(asAdmin().when().get("/").then().statusCode(200).extract().asString())
                    .contains("<article class=\"card down\" data-cluster=\"far\"><header>"
                            + "<a href=\"/clusters/far\">far</a><span class=\"status s-bad\" data-shape=\"⊘\">Unreachable</span></header>");
        });
    }

    @Test
    void aClusterSecretRegistersItsClusterWhoseWatchesFollowItsCredentialsAndItsDeletionRemovesIt() {
        KubernetesClient home = RegistryFleetTestResource.spare("home").cluster("home").client();
        home.secrets().inNamespace("flotilla").resource(new SecretBuilder().withNewMetadata().withName("cluster-us-1")
                .addToLabels("flotilla.io/secret-type", "cluster").addToLabels("env", "prod")
                .addToLabels("region", "us").endMetadata()
                .addToData("name", base64("us-1"))
                .addToData("kubeconfig", base64(RegistryFleetTestResource.kubeconfigText("us-1"))).build()).create();

        await().untilAsserted(() -> {
            JsonPath us = cluster("us-1");
            assertThat(us.getString("source")).isEqualTo("secret");
            assertThat(us.getMap("labels")).isEqualTo(Map.of("env", "prod", "region", "us"));
            assertThat(us.getList("nodes.name", String.class)).contains("us-1-control-plane");
        });
        // New credentials, here those of another cluster: the watches start again with them.
        home.secrets().inNamespace("flotilla").withName("cluster-us-1").edit(secret -> new SecretBuilder(secret)
                .addToData("kubeconfig", base64(RegistryFleetTestResource.kubeconfigText("home"))).build());
        await().untilAsserted(() -> assertThat(cluster("us-1").getList("nodes.name", String.class))
                .containsExactly("home-control-plane"));
        // The Secret says what the cluster is: the API refuses to change it behind the Secret's back.
        assertThat(asAdmin().contentType(ContentType.JSON).body(Map.of("labels", Map.of("env", "dev")))
                .put("/api/clusters/us-1/labels").then().statusCode(409).extract().asString())
                .isEqualTo("cluster us-1 is defined by a Secret labelled flotilla.io/secret-type=cluster in Flotilla's"
                        + " namespace: label that Secret instead");
        assertThat(asAdmin().when().delete("/api/clusters/us-1").then().statusCode(409).extract().asString())
                .endsWith("delete that Secret instead");
        assertThat(cluster("us-1").getMap("labels")).isEqualTo(Map.of("env", "prod", "region", "us"));

        home.secrets().inNamespace("flotilla").withName("cluster-us-1").delete();

        await().untilAsserted(() -> asAdmin().when().get("/api/clusters/us-1").then().statusCode(404));
        ClusterRemoved removed = (ClusterRemoved) await().until(() -> last("us-1").orElse(null),
                ClusterRemoved.class::isInstance);
        assertThat(removed.uninstall()).isFalse();
    }

    @Test
    void aSelectorChoosesTheClustersByTheirLabels() throws Exception {
        String nowhere = "http://127.0.0.1:" + closedPort();
        register("sel-a", kubeconfigOf("sel-a", nowhere), Map.of("team", "sel", "env", "prod")).then().statusCode(201);
        register("sel-b", kubeconfigOf("sel-b", nowhere), Map.of("team", "sel", "env", "dev")).then().statusCode(201);

        assertThat(asAdmin().queryParam("selector", "team=sel,env=prod").get("/api/clusters").then().statusCode(200)
                .extract().jsonPath().getList("cluster", String.class)).containsExactly("sel-a");
        assertThat(asAdmin().queryParam("selector", "team=sel").get("/api/clusters").then().statusCode(200)
                .extract().jsonPath().getList("cluster", String.class)).containsExactly("sel-a", "sel-b");
        assertThat(asAdmin().queryParam("selector", "team").get("/api/clusters").then().statusCode(400).extract()
                .asString()).isEqualTo("selector 'team': 'team' is not key=value, key==value or key!=value");
        assertThat(asAdmin().queryParam("selector", "team=sel,env!=prod").get("/").then().statusCode(200).extract()
                .asString()).contains("data-cluster=\"sel-b\"").doesNotContain("data-cluster=\"sel-a\"",
                        "data-cluster=\"seed\"");
    }

    @Test
    void bootstrapCountsTheReleasesRenderedForTheClusterUntilAllAreReady() throws Exception {
        register("boot", kubeconfigOf("boot", "http://127.0.0.1:" + closedPort()), Map.of()).then().statusCode(201);
        try (FlotillaTopics topics = new FlotillaTopics(bootstrapServers, topicPrefix)) {
            topics.publish("renderer", rendered("boot", "web", null));
            topics.publish("renderer", rendered("boot", "api", new Rollout("common", 0, "canary", 60, Map.of())));
            // The renderer publishes a joining cluster's renderings before the applier applies them.
            await().untilAsserted(() -> assertThat(cluster("boot").getMap("bootstrap")).containsEntry("total", 2));
            topics.publish("applier", applied("boot", "web", Instant.now()));

            await().untilAsserted(() -> {
                JsonPath boot = cluster("boot");
                assertThat(boot.getMap("bootstrap")).containsEntry("ready", 1).containsEntry("total", 2)
                        .containsEntry("allReadyAfterSeconds", null);
                assertThat(boot.getList("waves", String.class)).containsExactly("canary");
                assertThat(boot.getInt("releases.ready")).isEqualTo(1);
                assertThat(boot.getString("lastReconciledAt")).isNotNull();
            });

            topics.publish("applier", applied("boot", "api", Instant.now()));
        }

        await().untilAsserted(() -> {
            JsonPath boot = cluster("boot");
            assertThat(boot.getMap("bootstrap")).containsEntry("ready", 2).containsEntry("total", 2);
            assertThat(boot.getString("bootstrap.allReadyAfterSeconds")).isNotNull();
            assertThat(boot.getLong("bootstrap.allReadyAfterSeconds")).isNotNegative();
            assertThat(asAdmin().when().get("/").then().statusCode(200).extract().asString())
                    .contains("boot: 2 of 2 Ready, all Ready ", "<dt>waves</dt><dd>canary");
        });
    }

    @Test
    void aHaltedRolloutShowsWithTheClusterItWaitsForUntilTheReleaseIsAppliedAgain() throws Exception {
        register("hold", kubeconfigOf("hold", "http://127.0.0.1:" + closedPort()), Map.of()).then().statusCode(201);
        ReleaseKey web = new ReleaseKey("hold", "apps", "web");
        Instant heldAt = Instant.now();
        try (FlotillaTopics topics = new FlotillaTopics(bootstrapServers, topicPrefix)) {
            topics.publish("applier", new RolloutHeld(web, "common", 1, "prod", true, "stg-1",
                    "web is Failed on stg-1 at commit order 7", "c0ffee1", 7, heldAt));

            await().untilAsserted(() -> {
                JsonPath rollouts = asAdmin().when().get("/api/rollouts").then().statusCode(200).extract().jsonPath();
                assertThat(rollouts.getString("find { it.cluster == 'hold' }.state")).isEqualTo("halted");
                assertThat(rollouts.getString("find { it.cluster == 'hold' }.blockingCluster")).isEqualTo("stg-1");
                assertThat(cluster("hold").getString("rollouts[0].reason"))
                        .isEqualTo("web is Failed on stg-1 at commit order 7");
                assertThat(asAdmin().when().get("/").then().statusCode(200).extract().asString())
                        .contains("<td>hold/apps/web</td><td class=\"Failed\">halted</td>", "1 rollouts halted");
            });

            topics.publish("applier", applied("hold", "web", heldAt.plusSeconds(1)));
        }

        await().untilAsserted(() -> {
            assertThat(asAdmin().when().get("/api/rollouts").then().statusCode(200).extract().jsonPath()
                    .getList("cluster", String.class)).doesNotContain("hold");
            assertThat(cluster("hold").getList("rollouts")).isEmpty();
        });
    }

    @Test
    void aClustersPullSecretsShowTheirCoverageRotationAndErrorsAndLeaveWithTheCluster() throws Exception {
        register("pulls", kubeconfigOf("pulls", "http://127.0.0.1:" + closedPort()), Map.of()).then().statusCode(201);
        String rotated = "sha256:" + "b".repeat(64);
        String refused = "namespace policed: ServiceAccount default could not list dockerhub-registrycreds (403 "
                + "Forbidden: admission webhook \"policy.example.com\" denied the request: not here)";
        try (FlotillaTopics topics = new FlotillaTopics(bootstrapServers, topicPrefix)) {
            topics.publish("registry-secrets", new PullSecretsSynced("pulls", Instant.now(), List.of(
                    new PullSecretsSynced.Coverage("dockerhub", "kube-system/hub-seed", rotated, 40, 42,
                            List.of("team-a", "team-b"), List.of(refused))), List.of(), null));

            await().untilAsserted(() -> {
                JsonPath pulls = cluster("pulls");
                assertThat(pulls.getString("pullSecrets.pullSecrets[0].seedDigest")).isEqualTo(rotated);
                assertThat(pulls.getInt("pullSecrets.pullSecrets[0].namespacesCovered")).isEqualTo(40);
                assertThat(pulls.getInt("pullSecrets.pullSecrets[0].namespacesTotal")).isEqualTo(42);
                assertThat(pulls.getList("pullSecrets.pullSecrets[0].stale", String.class))
                        .containsExactly("team-a", "team-b");
                assertThat(pulls.getList("pullSecrets.pullSecrets[0].errors", String.class)).containsExactly(refused);
                assertThat(pulls.getString("pullSecrets.syncedAt")).isNotNull();
                assertThat(asAdmin().when().get("/").then().statusCode(200).extract().asString()).contains(
                        "pull secrets: dockerhub 40/42 namespaces, rotating: 2 stale <code>sha256:bbbbbbbbbbbb</code>",
                        "<a href=\"/clusters/pulls\">pulls</a> <span class=\"why\">pull secrets: 1 error</span>",
                        "namespace policed: ServiceAccount default could not list");
            });

            topics.publish("registry-secrets", new PullSecretsSynced("pulls", Instant.now(), List.of(
                    new PullSecretsSynced.Coverage("dockerhub", "kube-system/hub-seed", rotated, 42, 42, List.of(),
                            List.of())), List.of(), null));
        }

        await().untilAsserted(() -> {
            assertThat(cluster("pulls").getList("pullSecrets.pullSecrets[0].stale")).isEmpty();
            assertThat(asAdmin().when().get("/").then().statusCode(200).extract().asString())
                    .contains("pull secrets: dockerhub 42/42 namespaces <code>sha256:bbbbbbbbbbbb</code>")
                    .doesNotContain("<a href=\"/clusters/pulls\">pulls</a> <span class=\"why\">pull secrets",
                            "rotating: 2 stale");
        });

        asAdmin().delete("/api/clusters/pulls").then().statusCode(204);
        register("pulls", kubeconfigOf("pulls", "http://127.0.0.1:" + closedPort()), Map.of()).then().statusCode(201);

        assertThat(cluster("pulls").getMap("pullSecrets")).isNull();
    }

    private static io.restassured.response.Response register(String name, String kubeconfig,
            Map<String, String> labels) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", name, "kubeconfig", kubeconfig, "labels", labels)).post("/api/clusters");
    }

    private static JsonPath cluster(String name) {
        return asAdmin().when().get("/api/clusters/" + name).then().statusCode(200).extract().jsonPath();
    }

    /** The cluster's last registration or removal on the clusters topic; empty before any. */
    private Optional<Event> last(String cluster) {
        try (FlotillaTopics topics = new FlotillaTopics(bootstrapServers, topicPrefix)) {
            return topics.all(Topic.CLUSTERS).stream()
                    .filter(record -> ClusterRegistered.registrationKey(cluster).equals(record.key()))
                    .reduce((first, latest) -> latest)
                    .map(record -> EventCodec.decode(record.value()).payload());
        }
    }

    private static ReleaseRendered rendered(String cluster, String name, Rollout rollout) {
        return ReleaseRendered.builder().release(new ReleaseKey(cluster, "apps", name)).format(ReleaseFormat.FLUX_V1)
                .repository("/srv/fleet").sourceSha("c0ffee1").sourceFile("flux/common/" + name + ".yaml")
                .chart(name, "1.0.0").chartDigest("chart").valuesDigest("values").inputDigest("input-" + name)
                .objects(List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", name))))
                .rollout(rollout).build();
    }

    private static ReleaseApplied applied(String cluster, String name, Instant at) {
        return new ReleaseApplied(new ReleaseKey(cluster, "apps", name), 1, Outcome.Ready, "c0ffee1",
                "flux/common/" + name + ".yaml", name, "1.0.0", "input-" + name,
                List.of(ObjectResult.applied(new ObjectRef("v1", "ConfigMap", "apps", name))), 40, at, null);
    }

    /** A kubeconfig of one context, {@code name}, whose server is {@code server}. */
    private static String kubeconfigOf(String name, String server) {
        return """
                apiVersion: v1
                kind: Config
                current-context: %1$s
                clusters: [{name: %1$s, cluster: {server: '%2$s'}}]
                users: [{name: %1$s, user: {token: t0ken}}]
                contexts: [{name: %1$s, context: {cluster: %1$s, user: %1$s}}]
                """.formatted(name, server);
    }

    /** A local port nothing listens on. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
