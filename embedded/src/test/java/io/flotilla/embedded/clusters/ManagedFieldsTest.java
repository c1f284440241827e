package io.flotilla.embedded.clusters;

import static io.flotilla.embedded.clusters.ClusterFixture.configMap;
import static io.flotilla.embedded.clusters.ClusterFixture.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/** {@code metadata.managedFields}: who changed which fields, how and when. */
class ManagedFieldsTest extends OnASimulatedCluster {

    @Test
    void everyWriteRecordsItsFieldManager() {
        client.resource(deployment("managed", "nginx:1.27", 1)).fieldManager("flotilla").forceConflicts()
                .serverSideApply();
        client.apps().deployments().withName("managed")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":3}}");
        client.apps().deployments().withName("managed").edit(d -> {
            d.getMetadata().getAnnotations().put("note", "edited");
            return d;
        });

        Deployment stored = client.apps().deployments().withName("managed").get();
        assertThat(stored.getMetadata().getManagedFields()).extracting(ClusterFixture::describe)
                .containsExactly("flotilla/Apply", "fabric8-kubernetes-client/Update");
        for (ManagedFieldsEntry entry : stored.getMetadata().getManagedFields()) {
            assertThat(entry.getFieldsType()).isEqualTo("FieldsV1");
            assertThat(entry.getApiVersion()).isEqualTo("apps/v1");
            assertThat(Instant.parse(entry.getTime())).isBeforeOrEqualTo(Instant.now());
        }
    }

    @Test
    void theFieldsOfAnEntryAreThoseItsManagerSetOrChanged() {
        client.resource(configMap("owned", Map.of("applied", "1"))).fieldManager("flotilla").forceConflicts()
                .serverSideApply();
        client.configMaps().withName("owned").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"data\":{\"patched\":\"2\"}}");

        ConfigMap stored = client.configMaps().withName("owned").get();
        Map<String, Object> applyFields = fieldsOf(stored, "flotilla");
        Map<String, Object> updateFields = fieldsOf(stored, "fabric8-kubernetes-client");
        assertThat(applyFields).isEqualTo(Map.of("f:data", Map.of("f:applied", Map.of())));
        assertThat(updateFields).isEqualTo(Map.of("f:data", Map.of("f:patched", Map.of())));
    }

    @Test
    void aForcedApplyTakesTheConflictingFieldsFromTheirManager() {
        client.resource(configMap("taken", Map.of("a", "1"))).fieldManager("flotilla").forceConflicts()
                .serverSideApply();
        client.configMaps().withName("taken").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"a\":\"2\"}}");

        client.resource(configMap("taken", Map.of("a", "1"))).fieldManager("flotilla").forceConflicts()
                .serverSideApply();

        ConfigMap stored = client.configMaps().withName("taken").get();
        assertThat(stored.getMetadata().getManagedFields()).extracting(ClusterFixture::describe)
                .containsExactly("flotilla/Apply");
        assertThat(stored.getData()).containsExactly(Map.entry("a", "1"));
    }

    @Test
    void aWriteThatNamesNoFieldManagerIsRecordedUnderTheClientsUserAgent() {
        client.resource(configMap("named", Map.of("a", "1"))).create();

        ConfigMap stored = client.configMaps().withName("named").get();
        assertThat(stored.getMetadata().getManagedFields()).extracting(ClusterFixture::describe)
                .containsExactly("fabric8-kubernetes-client/Update");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fieldsOf(ConfigMap object, String manager) {
        return object.getMetadata().getManagedFields().stream().filter(e -> e.getManager().equals(manager))
                .findFirst().map(e -> (Map<String, Object>) (Map<?, ?>) e.getFieldsV1().getAdditionalProperties())
                .orElseThrow();
    }
}
