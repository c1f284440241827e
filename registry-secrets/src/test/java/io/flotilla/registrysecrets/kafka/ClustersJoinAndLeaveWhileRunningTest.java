package io.flotilla.registrysecrets.kafka;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.clusters.CredentialSeal;
import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.embedded.clusters.SimulatedFleet;
import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.events.ClusterRegistered;
import io.flotilla.events.ClusterRemoved;
import io.flotilla.registrysecrets.pullsecret.ClusterPullSecret;
import io.flotilla.registrysecrets.pullsecret.ClusterPullSecretDefinition;
import io.flotilla.testing.fixtures.TestSecretKeys;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Clusters registered and removed through the registry while registry-secrets runs, as the observer announces them
 * on the clusters topic: one that joins gets its pull secrets without a restart, one that leaves is synced no more
 * and keeps the copies it has, one registered with credentials that do not connect is synced once they are
 * corrected. The service starts with dev and prod from its kubeconfig; eu-3 and eu-4 are spare simulated clusters
 * it knows nothing of until the topic says so.
 */
@QuarkusTest
@TestProfile(FleetTopicProfile.class)
@WithTestResource(ClustersTestResource.class)
@WithTestResource(KafkaTestResource.class)
class ClustersJoinAndLeaveWhileRunningTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The services' test key: the observer seals with it, registry-secrets unseals with it. */
    private static final CredentialSeal SEAL = CredentialSeal.with(TestSecretKeys.RING, Optional.empty());

    private static SimulatedFleet spares;
    private static Path spareKubeconfig;

    @BeforeAll
    static void startSpareClusters() throws IOException {
        Map<String, Map<String, String>> clusters = new LinkedHashMap<>();
        clusters.put("eu-3", Map.of("env", "prod"));
        clusters.put("eu-4", Map.of("env", "prod"));
        spares = SimulatedFleet.start(clusters);
        spareKubeconfig = Files.createTempFile("registry-secrets-spares-", ".yaml");
        spares.writeKubeconfig(spareKubeconfig);
    }

    @AfterAll
    static void stopSpareClusters() throws IOException {
        spares.close();
        Files.deleteIfExists(spareKubeconfig);
    }

    @Test
    void aClusterThatJoinsGetsItsPullSecretsAndOneThatLeavesKeepsThemButIsSyncedNoMore() {
        try (FlotillaTopics topics = FlotillaTopics.ofService()) {
            topics.publish("observer", registered(registration("eu-3")));

            await().atMost(WAIT).until(() -> definitionInstalled(client("eu-3")));
            createSeedAndClusterPullSecret(client("eu-3"), "fleet");
            createSeedAndClusterPullSecret(ClustersTestResource.fleet().cluster("dev").client(), "fleet");
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(copy(client("eu-3"), "default", "fleet-registrycreds")).isNotNull();
                assertThat(syncedClusters()).contains("dev", "prod", "eu-3");
            });
            Secret keptCopy = copy(client("eu-3"), "default", "fleet-registrycreds");

            topics.publish("observer", new ClusterRemoved("eu-3", false, Instant.now()));

            await().atMost(WAIT).untilAsserted(() -> assertThat(syncedClusters()).contains("dev", "prod")
                    .doesNotContain("eu-3"));
            KubernetesClient dev = ClustersTestResource.fleet().cluster("dev").client();
            createNamespace(dev, "after-eu-3-left");
            createNamespace(client("eu-3"), "after-eu-3-left");
            // dev, still watched, copies into its new namespace; eu-3, left, gets nothing in the same time.
            await().atMost(WAIT).until(() -> copy(dev, "after-eu-3-left", "fleet-registrycreds") != null);
            assertThat(copy(client("eu-3"), "after-eu-3-left", "fleet-registrycreds")).isNull();
            assertThat(copy(client("eu-3"), "default", "fleet-registrycreds").getData())
                    .isEqualTo(keptCopy.getData());
        }
    }

    @Test
    void aClusterRegisteredWithCredentialsThatDoNotConnectIsSyncedOnceTheyAreCorrected() {
        RegisteredCluster correct = registration("eu-4");
        String wrongServer = "http://" + LocalPorts.HOST + ":" + LocalPorts.free();
        RegisteredCluster wrong = new RegisteredCluster("eu-4", correct.labels(), wrongServer, "api",
                correct.registeredAt(), correct.kubeconfig().replace(spares.cluster("eu-4").url(), wrongServer));
        try (FlotillaTopics topics = FlotillaTopics.ofService()) {
            topics.publish("observer", registered(wrong));

            await().atMost(WAIT).untilAsserted(() -> assertThat(clusterError("eu-4")).isNotBlank());
            assertThat(definitionInstalled(client("eu-4"))).isFalse();

            topics.publish("observer", registered(correct));

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(definitionInstalled(client("eu-4"))).isTrue();
                assertThat(clusterError("eu-4")).isNull();
            });
        }
    }

    /** Cluster {@code name} as {@code flotilla cluster add name --kubeconfig <spares> --context name} registers it. */
    private static RegisteredCluster registration(String name) {
        return KubeconfigClusters.registration(spareKubeconfig, name, name, Map.of("env", "prod"), "api",
                Instant.now());
    }

    /** What the observer publishes for a registration: the credentials sealed. */
    private static ClusterRegistered registered(RegisteredCluster cluster) {
        return new ClusterRegistered(cluster.name(), cluster.labels(), cluster.server(), cluster.source(),
                cluster.registeredAt(), SEAL.seal(cluster.name(), cluster.kubeconfig()));
    }

    private static void createSeedAndClusterPullSecret(KubernetesClient client, String name) {
        String config = "{\"auths\":{\"registry.example.com\":{\"auth\":\""
                + Base64.getEncoder().encodeToString("robot:pw".getBytes(StandardCharsets.UTF_8)) + "\"}}}";
        client.secrets().inNamespace("kube-system").resource(new SecretBuilder().withNewMetadata()
                .withName(name + "-seed").endMetadata().withType("kubernetes.io/dockerconfigjson")
                .addToData(".dockerconfigjson", Base64.getEncoder().encodeToString(
                        config.getBytes(StandardCharsets.UTF_8))).build()).create();
        await().atMost(WAIT).until(() -> definitionInstalled(client));
        GenericKubernetesResource pullSecret = new GenericKubernetesResourceBuilder()
                .withApiVersion(ClusterPullSecret.API_VERSION).withKind(ClusterPullSecret.KIND)
                .withNewMetadata().withName(name).endMetadata()
                .addToAdditionalProperties("spec", Map.of("secretRef",
                        Map.of("name", name + "-seed", "namespace", "kube-system")))
                .build();
        client.genericKubernetesResources(ClusterPullSecret.API_VERSION, ClusterPullSecret.KIND).resource(pullSecret)
                .create();
    }

    private static void createNamespace(KubernetesClient client, String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
    }

    private static boolean definitionInstalled(KubernetesClient client) {
        return client.apiextensions().v1().customResourceDefinitions().withName(ClusterPullSecretDefinition.NAME)
                .get() != null;
    }

    private static Secret copy(KubernetesClient client, String namespace, String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    private static List<String> syncedClusters() {
        return api().getList("cluster", String.class);
    }

    private static String clusterError(String cluster) {
        JsonPath body = api();
        assertThat(body.getList("cluster", String.class)).contains(cluster);
        return body.getString("find { it.cluster == '" + cluster + "' }.error");
    }

    private static JsonPath api() {
        return asAdmin().get("/api/pull-secrets").then().statusCode(200).extract().jsonPath();
    }

    private static KubernetesClient client(String spare) {
        return spares.cluster(spare).client();
    }
}
