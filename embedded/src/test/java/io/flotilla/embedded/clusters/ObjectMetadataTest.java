package io.flotilla.embedded.clusters;

import static io.flotilla.embedded.clusters.ClusterFixture.configMap;
import static io.flotilla.embedded.clusters.ClusterFixture.deployment;
import static io.flotilla.embedded.clusters.ClusterFixture.namespace;
import static io.flotilla.embedded.clusters.ClusterFixture.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** What the API server itself keeps in metadata and status. */
class ObjectMetadataTest extends OnASimulatedCluster {

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
        Service applied = client.resource(new ServiceBuilder(service("balanced"))
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("10.0.0.9").endIngress()
                .endLoadBalancer().endStatus().build())
                .fieldManager("flotilla").forceConflicts().serverSideApply();
        assertThat(applied.getStatus()).isNull();

        client.resource(new ServiceBuilder(applied).withNewStatus().withNewLoadBalancer().addNewIngress()
                .withIp("10.0.0.1").endIngress().endLoadBalancer().endStatus().build()).updateStatus();
        Service reapplied = client.resource(new ServiceBuilder(service("balanced")).editSpec().addToSelector("v", "2")
                .endSpec().build()).fieldManager("flotilla").forceConflicts().serverSideApply();

        assertThat(reapplied.getStatus().getLoadBalancer().getIngress()).extracting(LoadBalancerIngress::getIp)
                .containsExactly("10.0.0.1");
        assertThat(reapplied.getSpec().getSelector()).containsEntry("v", "2");
    }

    @Test
    void aWrittenWorkloadReportsItselfRolledOut() {
        Deployment applied = client.resource(deployment("rolling", "nginx:1.27", 3)).fieldManager("flotilla")
                .forceConflicts().serverSideApply();
        client.resource(deployment("rolling", "nginx:1.28", 3)).fieldManager("flotilla").forceConflicts()
                .serverSideApply();

        Deployment stored = client.apps().deployments().withName("rolling").get();
        assertThat(applied.getStatus()).isNull();
        assertThat(stored.getStatus().getObservedGeneration()).isEqualTo(2L).isEqualTo(stored.getMetadata().getGeneration());
        assertThat(stored.getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(stored.getStatus().getUpdatedReplicas()).isEqualTo(3);
        assertThat(stored.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                .contains("Available=True");
    }

    @Test
    void withoutAutomaticRolloutAWrittenWorkloadKeepsTheStatusItWasWrittenWith() {
        cluster.rolloutAutomatically(false);
        try {
            client.resource(deployment("stuck", "nginx:1.27", 2)).fieldManager("flotilla").forceConflicts()
                    .serverSideApply();
        } finally {
            cluster.rolloutAutomatically(true);
        }

        assertThat(client.apps().deployments().withName("stuck").get().getStatus()).isNull();
    }

    @Test
    void theClusterHasOneReadyNodeNamedAfterIt() {
        assertThat(client.nodes().list().getItems()).singleElement().satisfies(node -> {
            assertThat(node.getMetadata().getName()).isEqualTo("dev-control-plane");
            assertThat(node.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                    .containsExactly("Ready=True");
            assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.");
        });
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
    void deletingANamespaceDeletesWhatIsInIt() {
        client.resource(namespace("doomed")).fieldManager("flotilla").forceConflicts().serverSideApply();
        client.resource(configMap("inside", Map.of())).inNamespace("doomed").fieldManager("flotilla")
                .forceConflicts().serverSideApply();
        client.resource(deployment("inside", "nginx:1.27", 1)).inNamespace("doomed").fieldManager("flotilla")
                .forceConflicts().serverSideApply();
        client.resource(configMap("outside", Map.of())).fieldManager("flotilla").forceConflicts().serverSideApply();

        client.namespaces().withName("doomed").delete();

        assertThat(client.namespaces().withName("doomed").get()).isNull();
        assertThat(client.configMaps().inNamespace("doomed").list().getItems()).isEmpty();
        assertThat(client.apps().deployments().inNamespace("doomed").list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace("default").withName("outside").get()).isNotNull();
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

    @Test
    void anObjectWithFinalizersIsOnlyMarkedForDeletion() {
        client.resource(new ConfigMapBuilder(configMap("finalized", Map.of())).editMetadata()
                .addToFinalizers("example.com/keep").endMetadata().build()).fieldManager("flotilla")
                .forceConflicts().serverSideApply();

        client.configMaps().withName("finalized").delete();

        ConfigMap marked = client.configMaps().withName("finalized").get();
        assertThat(marked.getMetadata().getDeletionTimestamp()).isNotBlank();
        assertThat(marked.getMetadata().getFinalizers()).containsExactly("example.com/keep");
    }
}
