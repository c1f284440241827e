package io.flotilla.applier.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flotilla.events.sealing.SopsDigests;
import io.flotilla.testing.fixtures.TestSecretKeys;

class RenderedObjectsTest {

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    @Test
    void renderedObjectsKeepEveryField() {
        List<GenericKubernetesResource> objects = RenderedObjects.decode(List.of(Map.of(
                "apiVersion", "v1",
                "kind", "ConfigMap",
                "metadata", Map.of("name", "settings", "labels", Map.of("app", "web")),
                "data", Map.of("mode", "fast"))), "apps", serialization, TestSecretKeys.RING, List::of,
                SopsDigests.withKeyRing(TestSecretKeys.RING));

        assertThat(objects).singleElement().satisfies(object -> {
            assertThat(object.getKind()).isEqualTo("ConfigMap");
            assertThat(object.getMetadata().getLabels()).containsEntry("app", "web");
            assertThat(object.getAdditionalProperties()).containsEntry("data", Map.of("mode", "fast"));
        });
    }

    @Test
    void anObjectWithoutKindIsRefusedByPosition() {
        assertThatThrownBy(() -> RenderedObjects.decode(List.of(
                Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "a")),
                Map.of("apiVersion", "v1", "metadata", Map.of("name", "b"))), "apps", serialization,
                TestSecretKeys.RING, List::of,
                SopsDigests.withKeyRing(TestSecretKeys.RING)))
                .isInstanceOf(InvalidObjectException.class)
                .hasMessage("rendered object #2 has no apiVersion or kind");
    }

    @Test
    void anObjectWithoutNameIsRefusedWithItsKind() {
        assertThatThrownBy(() -> RenderedObjects.decode(List.of(
                Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of())), "apps", serialization,
                TestSecretKeys.RING, List::of,
                SopsDigests.withKeyRing(TestSecretKeys.RING)))
                .isInstanceOf(InvalidObjectException.class)
                .hasMessage("rendered object #1 (Secret) has no metadata.name");
    }
}
