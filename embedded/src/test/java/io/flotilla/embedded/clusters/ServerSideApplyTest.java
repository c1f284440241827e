package io.flotilla.embedded.clusters;

import static io.flotilla.embedded.clusters.ClusterFixture.configMap;
import static io.flotilla.embedded.clusters.ClusterFixture.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/** Server-side apply as a real API server does it, driven through fabric8 as the applier drives it. */
class ServerSideApplyTest extends OnASimulatedCluster {

    @Test
    void serverSideApplyCreatesAnObjectThatDoesNotExist() {
        ConfigMap applied = client.resource(configMap("created", Map.of("a", "1")))
                .fieldManager("flotilla").forceConflicts().serverSideApply();

        ConfigMap stored = client.configMaps().inNamespace("default").withName("created").get();
        assertThat(stored.getData()).containsExactly(Map.entry("a", "1"));
        assertThat(stored.getMetadata().getUid()).isNotBlank().isEqualTo(applied.getMetadata().getUid());
        assertThat(stored.getMetadata().getResourceVersion()).isEqualTo(applied.getMetadata().getResourceVersion());
    }

    @Test
    void serverSideApplyMergesIntoAnExistingObjectKeepingFieldsOthersOwn() {
        client.resource(configMap("merged", Map.of("mine", "1"))).create();

        client.resource(configMap("merged", Map.of("applied", "2"))).fieldManager("flotilla").forceConflicts()
                .serverSideApply();

        assertThat(client.configMaps().withName("merged").get().getData())
                .containsOnly(Map.entry("mine", "1"), Map.entry("applied", "2"));
    }

    @Test
    void reapplyingWithoutAFieldRemovesIt() {
        client.resource(configMap("shrinks", Map.of("kept", "1", "dropped", "2"))).fieldManager("flotilla")
                .forceConflicts().serverSideApply();

        client.resource(configMap("shrinks", Map.of("kept", "1"))).fieldManager("flotilla").forceConflicts()
                .serverSideApply();

        assertThat(client.configMaps().withName("shrinks").get().getData()).containsOnly(Map.entry("kept", "1"));
    }

    @Test
    void applyingAValueAnotherManagerChangedConflictsUnlessForced() {
        client.resource(deployment("contested", "nginx:1.27", 1)).fieldManager("flotilla").forceConflicts()
                .serverSideApply();
        client.apps().deployments().withName("contested")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":5}}");

        assertThatThrownBy(() -> client.resource(deployment("contested", "nginx:1.27", 1)).fieldManager("flotilla")
                .serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains(".spec.replicas");
                });
        assertThat(client.apps().deployments().withName("contested").get().getSpec().getReplicas()).isEqualTo(5);

        Deployment forced = client.resource(deployment("contested", "nginx:1.27", 1)).fieldManager("flotilla")
                .forceConflicts().serverSideApply();

        assertThat(forced.getSpec().getReplicas()).isEqualTo(1);
        assertThat(client.apps().deployments().withName("contested").get().getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void applyingTheSameObjectAgainChangesNothing() {
        ConfigMap first = client.resource(configMap("replayed", Map.of("a", "1"))).fieldManager("flotilla")
                .forceConflicts().serverSideApply();

        ConfigMap again = client.resource(configMap("replayed", Map.of("a", "1"))).fieldManager("flotilla")
                .forceConflicts().serverSideApply();

        assertThat(again.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
        assertThat(again.getMetadata().getManagedFields()).isEqualTo(first.getMetadata().getManagedFields());
    }

    @Test
    void applyingAnUnchangedValueThatAnotherManagerOwnsSharesTheFieldWithoutConflict() {
        client.resource(configMap("shared", Map.of("a", "1"))).create();

        ConfigMap applied = client.resource(configMap("shared", Map.of("a", "1"))).fieldManager("flotilla")
                .serverSideApply();

        assertThat(applied.getData()).containsOnly(Map.entry("a", "1"));
    }
}
