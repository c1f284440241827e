package io.flotilla.observer.inventory;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.events.ClusterState;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Topic;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The inventory of the simulated clusters {@code dev} and {@code prod}, changed out of band by the test and read
 * through the API and the clusters topic. Each test works on objects of its own name.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class InventoryTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "flotilla.topic-prefix")
    String topicPrefix;

    KubernetesClient dev;
    String name;

    @BeforeEach
    void connect() {
        dev = ClustersTestResource.fleet().cluster("dev").client();
        name = "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void everyClusterShowsReachableWithItsVersionAndNodes() {
        await().untilAsserted(() -> {
            JsonPath clusters = asAdmin().when().get("/api/clusters").then().statusCode(200).extract().jsonPath();
            assertThat(clusters.getList("cluster", String.class)).containsExactly("dev", "prod");
            assertThat(clusters.getList("reachable", Boolean.class)).containsOnly(true);
            assertThat(clusters.getList("kubernetesVersion", String.class)).allSatisfy(version -> assertThat(version).startsWith("v1."));
            assertThat(clusters.getString("find { it.cluster == 'prod' }.nodes.find { it.name == 'prod-control-plane' }"
                    + ".kubeletVersion")).startsWith("v1.");
            assertThat(clusters.getInt("find { it.cluster == 'prod' }.nodesReady")).isPositive();
        });
    }

    @Test
    void nodeMarkedNotReadyShowsWithItsPressure() {
        dev.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        dev.nodes().withName(name).editStatus(node -> new NodeBuilder(node).editOrNewStatus()
                .withConditions(condition("Ready", "True"), condition("MemoryPressure", "False"))
                .withNewNodeInfo().withKubeletVersion("v1.29.4").endNodeInfo().endStatus().build());
        await().untilAsserted(() -> assertThat(node()).containsEntry("ready", true).containsEntry("kubeletVersion", "v1.29.4")
                .containsEntry("diskPressure", false).containsEntry("pidPressure", false));

        dev.nodes().withName(name).editStatus(node -> new NodeBuilder(node).editStatus()
                .withConditions(condition("Ready", "False"), condition("MemoryPressure", "True"),
                        condition("DiskPressure", "True"), condition("PIDPressure", "True")).endStatus().build());

        await().untilAsserted(() -> assertThat(node()).containsEntry("ready", false).containsEntry("memoryPressure", true)
                .containsEntry("diskPressure", true).containsEntry("pidPressure", true));
        JsonPath cluster = cluster("dev");
        assertThat(cluster.getInt("nodesReady")).isLessThan(cluster.getInt("nodesTotal"));
    }

    @Test
    void aNodeUpgradedShowsInTheClustersVersionsOverTime() {
        dev.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        dev.nodes().withName(name).editStatus(node -> new NodeBuilder(node).editOrNewStatus()
                .withConditions(condition("Ready", "True")).withNewNodeInfo().withKubeletVersion("v1.30.11")
                .endNodeInfo().endStatus().build());
        await().untilAsserted(() -> assertThat(newestVersions().getList("kubelets", String.class))
                .contains("v1.30.11"));

        dev.nodes().withName(name).editStatus(node -> new NodeBuilder(node).editStatus().editNodeInfo()
                .withKubeletVersion("v1.31.4").endNodeInfo().endStatus().build());

        await().untilAsserted(() -> assertThat(newestVersions().getList("kubelets", String.class))
                .contains("v1.31.4").doesNotContain("v1.30.11"));
        assertThat(newestVersions().getString("kubernetesVersion")).startsWith("v1.");
        assertThat(asAdmin().when().get("/clusters/dev").then().statusCode(200).extract().asString())
                .contains("Versions over time").contains("kubelets v1.31.4 joined; kubelets v1.30.11 gone");
        dev.nodes().withName(name).delete();
    }

    @Test
    void workloadShowsItsDesiredReadyAndAvailableReplicas() {
        dev.apps().deployments().inNamespace("default").resource(deployment(3)).create();

        await().untilAsserted(() -> assertThat(workload()).containsEntry("kind", "Deployment")
                .containsEntry("desired", 3).containsEntry("ready", 3).containsEntry("available", 3));

        dev.apps().deployments().inNamespace("default").withName(name).delete();
        await().untilAsserted(() -> assertThat(cluster("dev").getList("workloads.name", String.class)).doesNotContain(name));
    }

    @Test
    void statefulSetShowsItsDesiredReadyAndAvailableReplicas() {
        dev.apps().statefulSets().inNamespace("default").resource(new StatefulSetBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(2).withServiceName(name).withNewSelector().addToMatchLabels("app", name)
                .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName("db").withImage("postgres").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();

        // The simulated cluster's controllers roll it out at once: every replica ready and available.
        await().untilAsserted(() -> assertThat(workload()).containsEntry("kind", "StatefulSet")
                .containsEntry("desired", 2).containsEntry("ready", 2).containsEntry("available", 2));

        dev.apps().statefulSets().inNamespace("default").withName(name).delete();
        await().untilAsserted(() -> assertThat(cluster("dev").getList("workloads.name", String.class)).doesNotContain(name));
    }

    @Test
    void apiVersionsOfACustomResourceShowOnceItsDefinitionIsApplied() {
        dev.resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("servicemonitors.monitoring.coreos.com").endMetadata()
                .withNewSpec().withGroup("monitoring.coreos.com").withScope("Namespaced")
                .withNewNames().withPlural("servicemonitors").withSingular("servicemonitor").withKind("ServiceMonitor")
                .endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).withNewSchema()
                .withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion()
                .endSpec().build()).fieldManager("flotilla").forceConflicts().serverSideApply();

        List<String> published = await().until(() -> latestPublished("dev"),
                state -> state != null && state.apiVersions().contains("monitoring.coreos.com/v1")).apiVersions();
        assertThat(published).contains("monitoring.coreos.com/v1", "monitoring.coreos.com/v1/ServiceMonitor",
                "apps/v1", "apps/v1/Deployment", "v1", "v1/Pod", "v1/ConfigMap")
                .doesNotContain("monitoring.coreos.com/v1/Pod");
        assertThat(cluster("dev").getList("apiVersions", String.class)).containsAll(published);
        await().until(() -> latestPublished("prod"), state -> state != null && !state.apiVersions().isEmpty());
        assertThat(latestPublished("prod").apiVersions()).contains("apps/v1/Deployment")
                .doesNotContain("monitoring.coreos.com/v1");
    }

    @Test
    void everyScalingOfAnAutoscalerShowsWithItsTime() {
        dev.autoscaling().v2().horizontalPodAutoscalers().inNamespace("default").resource(new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(name)
                .endScaleTargetRef().withMinReplicas(2).withMaxReplicas(10).endSpec().build()).create();

        scale(2, 2);
        await().untilAsserted(() -> assertThat(autoscaler("scalings.replicas")).isEqualTo(List.of(2)));
        scale(2, 6);
        await().untilAsserted(() -> assertThat(autoscaler("scalings.replicas")).isEqualTo(List.of(2, 6)));
        scale(6, 6);
        await().untilAsserted(() -> assertThat(autoscaler("currentReplicas")).isEqualTo(6));

        assertThat(autoscaler("scalings.replicas")).isEqualTo(List.of(2, 6));
        assertThat(autoscaler("targetName")).isEqualTo(name);
        assertThat((List<?>) autoscaler("scalings.at")).allMatch(at -> at != null);
    }

    @Test
    void podStuckInCrashLoopAndItsWarningShow() {
        dev.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("broken").endContainer().endSpec().build())
                .create();
        dev.pods().inNamespace("default").withName(name).editStatus(pod -> new PodBuilder(pod).editOrNewStatus()
                .addNewContainerStatus().withName("app").withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                .withMessage("back-off 5m0s restarting failed container").endWaiting().endState().endContainerStatus()
                .endStatus().build());
        dev.v1().events().inNamespace("default").resource(new EventBuilder().withNewMetadata().withName(name).endMetadata()
                .withType("Warning").withReason("BackOff").withMessage("Back-off restarting failed container app")
                .withLastTimestamp("2026-03-01T10:00:00Z").withCount(4)
                .withNewInvolvedObject().withKind("Pod").withNamespace("default").withName(name).endInvolvedObject()
                .build()).create();

        await().untilAsserted(() -> {
            JsonPath cluster = cluster("dev");
            assertThat(cluster.getString("stuckPods.find { it.name == '" + name + "' }.reason")).isEqualTo("CrashLoopBackOff");
            assertThat(cluster.getString("warnings.find { it.object == 'Pod/" + name + "' }.reason")).isEqualTo("BackOff");
        });
    }

    /** The latest state of the cluster on the clusters topic, as a service reading it (the renderer) sees it; null before any. */
    private ClusterState latestPublished(String cluster) {
        try (FlotillaTopics topics = new FlotillaTopics(bootstrapServers, topicPrefix)) {
            return topics.all(Topic.CLUSTERS).stream()
                    .filter(record -> cluster.equals(record.key())).reduce((first, last) -> last)
                    .map(record -> EventCodec.decode(record.value(), ClusterState.class).payload()).orElse(null);
        }
    }

    @Test
    void changedClusterIsPublishedOnTheClustersTopic() {
        dev.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().build()).create();

        String topic = topicPrefix + "clusters";
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    // The dev cluster's states, not its registration (key dev/registration) beside them.
                    if ("dev".equals(record.key()) && EventCodec.decode(record.value(), ClusterState.class).payload()
                            .nodes().stream().anyMatch(node -> node.name().equals(name))) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    @Test
    void aBurstOfChangesIsPublishedAsFewStatesTheLastHoldingThemAll() {
        int changes = 20;
        dev.apps().deployments().inNamespace("default").resource(deployment(1)).create();
        await().untilAsserted(() -> assertThat(publishedWorkload()).containsEntry("desired", 1));
        FlotillaTopics topics = new FlotillaTopics(bootstrapServers, topicPrefix);
        long before = topics.all(Topic.CLUSTERS).stream().filter(record -> "dev".equals(record.key())).count();

        for (int replicas = 2; replicas <= changes + 1; replicas++) {
            int scaled = replicas;
            dev.apps().deployments().inNamespace("default").withName(name)
                    .edit(live -> new DeploymentBuilder(live).editSpec().withReplicas(scaled).endSpec().build());
        }

        await().untilAsserted(() -> assertThat(publishedWorkload()).containsEntry("desired", changes + 1)
                .containsEntry("ready", changes + 1));
        long published = topics.all(Topic.CLUSTERS).stream().filter(record -> "dev".equals(record.key()))
                .count() - before;
        assertThat(published).isPositive().isLessThan(changes);
        dev.apps().deployments().inNamespace("default").withName(name).delete();
    }

    @Test
    void clusterThatStopsAnsweringShowsUnreachableUntilItComesBack() {
        SimulatedCluster prod = ClustersTestResource.fleet().cluster("prod");
        await().untilAsserted(() -> assertThat(cluster("prod").getBoolean("reachable")).isTrue());
        try {
            prod.stopAnswering();

            await().untilAsserted(() -> {
                assertThat(cluster("prod").getBoolean("reachable")).isFalse();
                assertThat(asAdmin().when().get("/api/clusters").then().statusCode(200).extract().jsonPath()
                        .getBoolean("find { it.cluster == 'prod' }.reachable")).isFalse();
                assertThat(asAdmin().when().get("/").then().statusCode(200).extract().asString())
                        .containsPattern("<article class=\"card down\" data-cluster=\"prod\"><header><a href=\"/clusters/prod\">"
                                + "prod</a><span class=\"status s-bad\" data-shape=\"⊘\">Unreachable</span></header>"
                                + "(<div class=\"labels\">.*?</div>)?<dl><dt>Kubernetes</dt><dd>v1\\.");
            });
        } finally {
            prod.answerAgain();
        }

        // The watches come back on their own, after a retry interval that grows while the cluster stays away.
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertThat(cluster("prod").getBoolean("reachable")).isTrue();
            assertThat(asAdmin().when().get("/").then().statusCode(200).extract().asString())
                    .contains("<article class=\"card\" data-cluster=\"prod\">").doesNotContain("card down");
        });
    }

    @Test
    void unknownClusterIsNotFound() {
        asAdmin().when().get("/api/clusters/nowhere").then().statusCode(404);
    }

    private void scale(int current, int desired) {
        dev.autoscaling().v2().horizontalPodAutoscalers().inNamespace("default").withName(name)
                .editStatus(hpa -> new HorizontalPodAutoscalerBuilder(hpa).withStatus(new HorizontalPodAutoscalerStatusBuilder()
                        .withCurrentReplicas(current).withDesiredReplicas(desired).build()).build());
    }

    private static NodeCondition condition(String type, String status) {
        return new NodeConditionBuilder().withType(type).withStatus(status).build();
    }

    private static JsonPath cluster(String cluster) {
        return asAdmin().when().get("/api/clusters/" + cluster).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath newestVersions() {
        return new JsonPath(asAdmin().when().get("/api/clusters/dev/versions").then().statusCode(200).extract()
                .jsonPath().prettify()).setRootPath("[0]");
    }

    private Map<String, Object> node() {
        return cluster("dev").getMap("nodes.find { it.name == '" + name + "' }");
    }

    private Deployment deployment(int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName("app").withImage("nginx").endContainer().endSpec().endTemplate()
                .endSpec().build();
    }

    /** This test's workload in the latest state of {@code dev} on the clusters topic; null while not there. */
    private Map<String, Object> publishedWorkload() {
        ClusterState state = latestPublished("dev");
        return state == null ? null : state.workloads().stream().filter(workload -> workload.name().equals(name))
                .findFirst().map(workload -> Map.<String, Object>of("desired", workload.desired(), "ready",
                        workload.ready())).orElse(null);
    }

    private Map<String, Object> workload() {
        return cluster("dev").getMap("workloads.find { it.name == '" + name + "' }");
    }

    private Object autoscaler(String field) {
        return cluster("dev").get("autoscalers.find { it.name == '" + name + "' }." + field);
    }
}
