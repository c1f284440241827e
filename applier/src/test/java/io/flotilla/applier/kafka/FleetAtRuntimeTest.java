package io.flotilla.applier.kafka;

import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Renders.ordered;
import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.Renders;
import io.flotilla.clusters.CredentialSeal;
import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.embedded.clusters.SimulatedFleet;
import io.flotilla.events.ClusterRegistered;
import io.flotilla.events.ClusterRemoved;
import io.flotilla.events.Envelope;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.testing.fixtures.TestSecretKeys;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Clusters that join and leave the fleet while the applier runs, announced on the clusters topic as the observer
 * announces them (credentials sealed with the test key): no restart, no kubeconfig of theirs given at start.
 */
@QuarkusTest
@TestProfile(FleetProfile.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(ThreeClustersTestResource.class)
class FleetAtRuntimeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final CredentialSeal SEAL = CredentialSeal.with(TestSecretKeys.RING, Optional.empty());

    @TempDir
    static Path dir;

    private static Topics topics;
    private static SimulatedFleet newcomers;
    private static Path kubeconfig;

    @Inject
    Fleet fleet;

    @BeforeAll
    static void start() {
        topics = Topics.ofService();
        Map<String, Map<String, String>> clusters = new LinkedHashMap<>();
        for (String name : List.of("eu-1", "eu-2", "eu-3", "eu-4")) {
            clusters.put(name, Map.of("env", "prod", "region", "eu"));
        }
        newcomers = SimulatedFleet.start(clusters);
        kubeconfig = newcomers.writeKubeconfig(dir.resolve("newcomers"));
    }

    @AfterAll
    static void stop() {
        topics.close();
        newcomers.close();
    }

    @Test
    void aClusterRegisteredWhileTheApplierRunsGetsItsRenderingsApplied() {
        register("eu-1");
        await().atMost(PATIENCE).until(() -> fleet.contains("eu-1"));
        ReleaseKey web = new ReleaseKey("eu-1", "joined", "web");

        topics.publish(Renders.chart(web, "joined-1", List.of(configMap("web", null, Map.of("on", "eu-1")))));

        assertThat(topics.awaitOutcome(web, Outcome.Ready).payload().revision()).isEqualTo(1);
        assertThat(client("eu-1").configMaps().inNamespace("joined").withName("web").get().getData())
                .containsEntry("on", "eu-1");
    }

    @Test
    void aRenderingThatComesBeforeItsClusterIsRegisteredWaitsAndIsAppliedOnceTheClusterJoins() {
        ReleaseKey web = new ReleaseKey("eu-2", "early", "web");
        topics.publish(Renders.chart(web, "early-1", List.of(configMap("web", null, Map.of("on", "eu-2")))));

        Envelope<ReleaseApplied> waiting = topics.awaitOutcome(web, Outcome.Unreachable);
        register("eu-2");

        Envelope<ReleaseApplied> ready = topics.awaitOutcome(web, Outcome.Ready);
        assertThat(waiting.payload().error()).startsWith("cluster 'eu-2' is not registered in the fleet")
                .contains("its releases wait until it joins");
        assertThat(ready.payload().inputDigest()).isEqualTo("early-1");
        assertThat(client("eu-2").configMaps().inNamespace("early").withName("web").get()).isNotNull();
        assertThat(topics.deadLetters()).noneMatch(record -> record.key().startsWith("eu-2/"));
    }

    @Test
    void aClusterRemovedWithoutUninstallKeepsWhatWasDeployedAndGetsNoMoreWork() {
        register("eu-3");
        await().atMost(PATIENCE).until(() -> fleet.contains("eu-3"));
        ReleaseKey web = new ReleaseKey("eu-3", "staying", "web");
        topics.publish(ordered(Renders.chart(web, "staying-1", List.of(configMap("web", null, Map.of("v", "1")))),
                1));
        topics.awaitOutcome(web, Outcome.Ready);

        topics.publishCluster(new ClusterRemoved("eu-3", false, Instant.now()));
        await().atMost(PATIENCE).until(() -> !fleet.contains("eu-3"));
        long requests = newcomers.cluster("eu-3").requestCount();
        topics.publish(ordered(Renders.chart(web, "staying-2", List.of(configMap("web", null, Map.of("v", "2")))),
                2));

        asAdmin().contentType("application/json").body("{\"cluster\": \"eu-3\"}").post("/api/reconcile")
                .then().statusCode(202).body("queued", equalTo(0));
        Envelope<ReleaseApplied> waiting = topics.awaitOutcome(web, Outcome.Unreachable);
        assertThat(waiting.payload().error()).startsWith("cluster 'eu-3' is not registered in the fleet");
        // Two reconcile intervals at least: neither they nor the rendering reach the cluster.
        await().during(Duration.ofSeconds(5)).atMost(PATIENCE)
                .until(() -> newcomers.cluster("eu-3").requestCount() == requests);
        assertThat(client("eu-3").configMaps().inNamespace("staying").withName("web").get().getData())
                .containsEntry("v", "1");
    }

    @Test
    void aClusterRemovedWithUninstallLosesWhatItsReleasesCreatedAndNothingElse() {
        KubernetesClient eu4 = client("eu-4");
        eu4.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("leaving").endMetadata().build())
                .create();
        eu4.configMaps().inNamespace("leaving").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("adopted").endMetadata().build()).create();
        eu4.configMaps().inNamespace("leaving").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("bystander").endMetadata().build()).create();
        register("eu-4");
        ReleaseKey web = new ReleaseKey("eu-4", "leaving", "web");
        ReleaseKey api = new ReleaseKey("eu-4", "leaving", "api");
        topics.publish(Renders.chart(web, "leaving-1", List.of(configMap("created", null, Map.of()),
                configMap("adopted", null, Map.of()))));
        topics.publish(Renders.chart(api, "leaving-1", List.of(configMap("api", null, Map.of()))));
        topics.awaitOutcome(web, Outcome.Ready);
        topics.awaitOutcome(api, Outcome.Ready);

        topics.publishCluster(new ClusterRemoved("eu-4", true, Instant.now()));

        Envelope<ReleaseApplied> uninstalled = topics.awaitOutcome(web, Outcome.Uninstalled);
        topics.awaitOutcome(api, Outcome.Uninstalled);
        assertThat(uninstalled.payload().objects()).extracting(ObjectResult::action)
                .containsExactlyInAnyOrder(ObjectAction.DELETED, ObjectAction.KEPT);
        assertThat(eu4.configMaps().inNamespace("leaving").list().getItems())
                .extracting(configMap -> configMap.getMetadata().getName())
                .contains("adopted", "bystander").doesNotContain("created", "api");
        assertThat(fleet.contains("eu-4")).isFalse();
    }

    /** Registers a newcomer as the observer announces it: its own kubeconfig, sealed. */
    private static void register(String name) {
        RegisteredCluster cluster = KubeconfigClusters.registration(kubeconfig, name, name,
                Map.of("env", "prod", "region", "eu"), "api", Instant.now());
        topics.publishCluster(new ClusterRegistered(name, cluster.labels(), cluster.server(), cluster.source(),
                cluster.registeredAt(), SEAL.seal(cluster.name(), cluster.kubeconfig())));
    }

    private static KubernetesClient client(String name) {
        SimulatedCluster cluster = newcomers.cluster(name);
        return cluster.client();
    }
}
