package io.flotilla.embedded.clusters;

import static io.flotilla.embedded.clusters.ClusterFixture.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/** {@code dryRun=All}: the server answers as it would, and stores nothing. */
class DryRunTest extends OnASimulatedCluster {

    @Test
    void dryRunServerSideApplyOfANewObjectAnswersWithItAndWritesNothing() {
        ConfigMap answered = client.resource(configMap("not-created", Map.of("a", "1"))).dryRun()
                .fieldManager("flotilla").forceConflicts().serverSideApply();

        assertThat(answered.getData()).containsExactly(Map.entry("a", "1"));
        assertThat(answered.getMetadata().getUid()).isNotBlank();
        assertThat(answered.getMetadata().getManagedFields()).extracting(ClusterFixture::describe)
                .containsExactly("flotilla/Apply");
        assertThat(client.configMaps().withName("not-created").get()).isNull();
    }

    @Test
    void dryRunServerSideApplyShowsTheMergedObjectAndLeavesTheStoredOneAsItWas() {
        ConfigMap stored = client.resource(configMap("unchanged", Map.of("a", "1"))).fieldManager("flotilla")
                .forceConflicts().serverSideApply();

        ConfigMap answered = client.resource(configMap("unchanged", Map.of("a", "2"))).dryRun()
                .fieldManager("flotilla").forceConflicts().serverSideApply();

        assertThat(answered.getData()).containsExactly(Map.entry("a", "2"));
        ConfigMap after = client.configMaps().withName("unchanged").get();
        assertThat(after.getData()).containsExactly(Map.entry("a", "1"));
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(stored.getMetadata().getResourceVersion());
    }

    @Test
    void dryRunCreateUpdatePatchAndDeleteWriteNothing() {
        client.resource(configMap("dry-create", Map.of("a", "1"))).dryRun().create();
        assertThat(client.configMaps().withName("dry-create").get()).isNull();

        ConfigMap stored = client.resource(configMap("dry-rest", Map.of("a", "1"))).create();
        client.resource(new ConfigMapBuilder(stored).withData(Map.of("a", "2")).build()).dryRun().update();
        client.configMaps().withName("dry-rest").dryRun()
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"a\":\"3\"}}");
        client.configMaps().withName("dry-rest").dryRun().delete();

        ConfigMap after = client.configMaps().withName("dry-rest").get();
        assertThat(after.getData()).containsExactly(Map.entry("a", "1"));
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(stored.getMetadata().getResourceVersion());
    }

    @Test
    void aDeleteWhoseOptionsAskForADryRunDeletesNothingAsKubectlSendsIt() throws Exception {
        ConfigMap stored = client.resource(configMap("dry-by-options", Map.of("a", "1"))).create();

        Process kubectl = new ProcessBuilder(List.of("kubectl", "--server", cluster.url(), "--namespace", "default",
                "delete", "configmap", "dry-by-options", "--dry-run=server")).redirectErrorStream(true).start();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(kubectl.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo("configmap \"dry-by-options\" deleted (server dry run)");
        ConfigMap after = client.configMaps().withName("dry-by-options").get();
        assertThat(after.getMetadata().getDeletionTimestamp()).isNull();
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(stored.getMetadata().getResourceVersion());
    }

    @Test
    void dryRunsFailWhereTheRealWriteWould() {
        client.resource(configMap("exists", Map.of())).create();

        assertThatThrownBy(() -> client.resource(configMap("exists", Map.of())).dryRun().create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThatThrownBy(() -> client.resource(configMap("elsewhere", Map.of())).inNamespace("missing").dryRun()
                .fieldManager("flotilla").forceConflicts().serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("namespaces \"missing\" not found");
                });
    }

    @Test
    void dryRunsAreNotCountedAsWrites() {
        long writes = cluster.writeCount();
        long requests = cluster.requestCount();

        client.resource(configMap("counted", Map.of("a", "1"))).dryRun().fieldManager("flotilla").forceConflicts()
                .serverSideApply();

        assertThat(cluster.writeCount()).isEqualTo(writes);
        assertThat(cluster.requestCount()).isGreaterThan(requests);
    }
}
