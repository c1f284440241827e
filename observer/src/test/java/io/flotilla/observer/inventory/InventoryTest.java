package io.flotilla.observer.inventory;

import static io.restassured.RestAssured.when;
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
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.events.ClusterState;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
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
            JsonPath clusters = when().get("/api/clusters").then().statusCode(200).extract().jsonPath();
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
        await().untilAsserted(() -> assertThat(node()).containsEntry("ready", true).containsEntry("kubeletVersion", "v1.29.4"));

        dev.nodes().withName(name).editStatus(node -> new NodeBuilder(node).editStatus()
                .withConditions(condition("Ready", "False"), condition("MemoryPressure", "True")).endStatus().build());

        await().untilAsserted(() -> assertThat(node()).containsEntry("ready", false).containsEntry("memoryPressure", true));
        JsonPath cluster = cluster("dev");
        assertThat(cluster.getInt("nodesReady")).isLessThan(cluster.getInt("nodesTotal"));
    }

    @Test
    void workloadShowsItsDesiredReadyAndAvailableReplicas() {
        dev.apps().deployments().inNamespace("default").resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName("app").withImage("nginx").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();

        await().untilAsserted(() -> assertThat(workload()).containsEntry("kind", "Deployment")
                .containsEntry("desired", 3).containsEntry("ready", 3).containsEntry("available", 3));

        dev.apps().deployments().inNamespace("default").withName(name).delete();
        await().untilAsserted(() -> assertThat(cluster("dev").getList("workloads.name", String.class)).doesNotContain(name));
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
                    Envelope<ClusterState> envelope = EventCodec.decode(record.value(), ClusterState.class);
                    if ("dev".equals(record.key()) && envelope.payload().nodes().stream()
                            .anyMatch(node -> node.name().equals(name))) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    @Test
    void unknownClusterIsNotFound() {
        when().get("/api/clusters/nowhere").then().statusCode(404);
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
        return when().get("/api/clusters/" + cluster).then().statusCode(200).extract().jsonPath();
    }

    private Map<String, Object> node() {
        return cluster("dev").getMap("nodes.find { it.name == '" + name + "' }");
    }

    private Map<String, Object> workload() {
        return cluster("dev").getMap("workloads.find { it.name == '" + name + "' }");
    }

    private Object autoscaler(String field) {
        return cluster("dev").get("autoscalers.find { it.name == '" + name + "' }." + field);
    }
}
