package io.flotilla.testing.clusters;

import static io.flotilla.testing.clusters.ClusterFixture.configMap;
import static io.flotilla.testing.clusters.ClusterFixture.deployment;
import static io.flotilla.testing.clusters.ClusterFixture.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** What the API server itself keeps in metadata and status. */
class ObjectMetadataTest {

    static SimulatedCluster cluster;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = SimulatedCluster.start("dev", Map.of());
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void createSetsUidCreationTimestampAndFirstGeneration() {
        Deployment created = client.resource(deployment("fresh", "nginx:1.27", 1)).fieldManager("flotilla")
                .forceConflicts().serverSideApply();

        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(Instant.parse(created.getMetadata().getCreationTimestamp())).isBeforeOrEqualTo(Instant.now());
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
    }

    @Test
    void generationIncreasesWhenTheSpecChangesAndOnlyThen() {
        client.resource(deployment("versioned", "nginx:1.27", 1)).fieldManager("flotilla").forceConflicts()
                .serverSideApply();

        Deployment newImage = client.resource(deployment("versioned", "nginx:1.28", 1)).fieldManager("flotilla")
                .forceConflicts().serverSideApply();
        Deployment newLabel = client.resource(new DeploymentBuilder(deployment("versioned", "nginx:1.28", 1))
                .editMetadata().addToLabels("team", "platform").endMetadata().build())
                .fieldManager("flotilla").forceConflicts().serverSideApply();

        assertThat(newImage.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(newLabel.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(newLabel.getMetadata().getResourceVersion()).isNotEqualTo(newImage.getMetadata().getResourceVersion());
    }

    @Test
    void resourceVersionChangesOnEveryWriteThatChangesTheObject() {
        ConfigMap first = client.resource(configMap("rv", Map.of("a", "1"))).create();
        ConfigMap second = client.resource(configMap("rv", Map.of("a", "2"))).fieldManager("flotilla")
                .forceConflicts().serverSideApply();
        ConfigMap third = client.configMaps().withName("rv").edit(cm -> {
            cm.getData().put("b", "3");
            return cm;
        });

        assertThat(first.getMetadata().getResourceVersion())
                .isNotEqualTo(second.getMetadata().getResourceVersion());
        assertThat(second.getMetadata().getResourceVersion())
                .isNotEqualTo(third.getMetadata().getResourceVersion());
    }

    @Test
    void statusChangesOnlyThroughTheStatusSubresource() {
        Deployment applied = client.resource(new DeploymentBuilder(deployment("statusful", "nginx:1.27", 2))
                .withNewStatus().withReplicas(9).endStatus().build())
                .fieldManager("flotilla").forceConflicts().serverSideApply();
        assertThat(applied.getStatus()).isNull();

        client.resource(new DeploymentBuilder(applied).withNewStatus().withReplicas(2).withReadyReplicas(2)
                .endStatus().build()).updateStatus();
        Deployment reapplied = client.resource(deployment("statusful", "nginx:1.28", 2)).fieldManager("flotilla")
                .forceConflicts().serverSideApply();

        assertThat(reapplied.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(reapplied.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("nginx:1.28");
    }

    @Test
    void aNamespacedObjectNeedsItsNamespace() {
        assertThatThrownBy(() -> client.resource(configMap("early", Map.of())).inNamespace("later")
                .fieldManager("flotilla").forceConflicts().serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));

        Namespace later = client.resource(namespace("later")).fieldManager("flotilla").forceConflicts()
                .serverSideApply();
        client.resource(configMap("early", Map.of())).inNamespace("later").fieldManager("flotilla")
                .forceConflicts().serverSideApply();

        assertThat(client.configMaps().inNamespace("later").withName("early").get()).isNotNull();
        assertThat(later.getStatus().getPhase()).isEqualTo("Active");
        assertThat(later.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "later");
    }

    @Test
    void theNamespacesEveryClusterHasExist() {
        assertThat(client.namespaces().list().getItems()).extracting(ns -> ns.getMetadata().getName())
                .contains("default", "kube-system", "kube-public", "kube-node-lease");
    }

    @Test
    void aClusterScopedObjectKeepsNoNamespace() {
        Namespace applied = client.resource(namespace("scoped")).fieldManager("flotilla").forceConflicts()
                .serverSideApply();

        assertThat(applied.getMetadata().getNamespace()).isNull();
        assertThat(client.namespaces().withName("scoped").get()).isNotNull();
    }
}
