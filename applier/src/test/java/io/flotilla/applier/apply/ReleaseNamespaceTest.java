package io.flotilla.applier.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;

class ReleaseNamespaceTest {

    private final ReleaseNamespace apps = new ReleaseNamespace("apps");

    @Test
    void aNamespacedObjectWithoutNamespaceGoesToTheReleaseNamespace() {
        GenericKubernetesResource configMap = object("ConfigMap", null);

        apps.place(configMap, true);

        assertThat(configMap.getMetadata().getNamespace()).isEqualTo("apps");
    }

    @Test
    void aNamespacedObjectKeepsTheNamespaceItWasRenderedWith() {
        GenericKubernetesResource configMap = object("ConfigMap", "monitoring");

        apps.place(configMap, true);

        assertThat(configMap.getMetadata().getNamespace()).isEqualTo("monitoring");
    }

    @Test
    void aBlankNamespaceCountsAsNone() {
        GenericKubernetesResource configMap = object("ConfigMap", " ");

        apps.place(configMap, true);

        assertThat(configMap.getMetadata().getNamespace()).isEqualTo("apps");
    }

    @Test
    void aClusterScopedObjectHasNoNamespace() {
        GenericKubernetesResource role = object("ClusterRole", "apps");

        apps.place(role, false);

        assertThat(role.getMetadata().getNamespace()).isNull();
    }

    @Test
    void aReleaseNeedsANamespace() {
        assertThatThrownBy(() -> new ReleaseNamespace(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static GenericKubernetesResource object(String kind, String namespace) {
        return new GenericKubernetesResourceBuilder().withApiVersion("v1").withKind(kind)
                .withNewMetadata().withName("x").withNamespace(namespace).endMetadata().build();
    }
}
