package io.flotilla.applier.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;

class ApplyOrderTest {

    @Test
    void crdsComeFirstThenNamespacesThenTheRest() {
        List<HasMetadata> ordered = ApplyOrder.forInstall(List.of(
                object("example.com/v1", "Widget", "gear"),
                object("v1", "ConfigMap", "settings"),
                object("v1", "Namespace", "apps"),
                object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com")));

        assertThat(ordered).extracting(HasMetadata::getKind)
                .containsExactly("CustomResourceDefinition", "Namespace", "Widget", "ConfigMap");
    }

    @Test
    void objectsOfTheSameRankKeepTheirRenderedOrder() {
        List<HasMetadata> ordered = ApplyOrder.forInstall(List.of(
                object("apps/v1", "Deployment", "web"),
                object("v1", "Namespace", "b"),
                object("v1", "Service", "web"),
                object("v1", "Namespace", "a"),
                object("v1", "ConfigMap", "web")));

        assertThat(ordered).extracting(object -> object.getKind() + "/" + object.getMetadata().getName())
                .containsExactly("Namespace/b", "Namespace/a", "Deployment/web", "Service/web", "ConfigMap/web");
    }

    @Test
    void anEmptyReleaseHasNothingToOrder() {
        assertThat(ApplyOrder.forInstall(List.of())).isEmpty();
    }

    private static GenericKubernetesResource object(String apiVersion, String kind, String name) {
        return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind)
                .withNewMetadata().withName(name).endMetadata().build();
    }
}
