package io.flotilla.applier.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;

class ApplyOrderTest {

    @Test
    void crdsComeFirstThenNamespacesThenHelmsInstallOrderThenUnknownKinds() {
        List<HasMetadata> ordered = ApplyOrder.forInstall(List.of(
                object("example.com/v1", "Widget", "gear"),
                object("v1", "ConfigMap", "settings"),
                object("v1", "Namespace", "apps"),
                object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com")));

        assertThat(ordered).extracting(HasMetadata::getKind)
                .containsExactly("CustomResourceDefinition", "Namespace", "ConfigMap", "Widget");
    }

    @Test
    void workloadsComeAfterTheConfigurationAndServicesTheyUse() {
        List<HasMetadata> ordered = ApplyOrder.forInstall(List.of(
                object("networking.k8s.io/v1", "Ingress", "web"),
                object("batch/v1", "Job", "migrate"),
                object("apps/v1", "Deployment", "web"),
                object("v1", "Service", "web"),
                object("rbac.authorization.k8s.io/v1", "RoleBinding", "web"),
                object("v1", "ServiceAccount", "web"),
                object("v1", "Secret", "web")));

        assertThat(ordered).extracting(HasMetadata::getKind).containsExactly("ServiceAccount", "Secret",
                "RoleBinding", "Service", "Deployment", "Job", "Ingress");
    }

    @Test
    void objectsOfTheSameRankKeepTheirRenderedOrder() {
        List<HasMetadata> ordered = ApplyOrder.forInstall(List.of(
                object("v1", "ConfigMap", "b"),
                object("v1", "Namespace", "b"),
                object("v1", "ConfigMap", "a"),
                object("v1", "Namespace", "a")));

        assertThat(ordered).extracting(object -> object.getKind() + "/" + object.getMetadata().getName())
                .containsExactly("Namespace/b", "Namespace/a", "ConfigMap/b", "ConfigMap/a");
    }

    @Test
    void deletionRunsTheInstallOrderBackwards() {
        List<String> kinds = ApplyOrder.forDeletion(
                List.of("Namespace", "Deployment", "Widget", "ConfigMap", "CustomResourceDefinition", "Service"),
                kind -> kind);

        assertThat(kinds).containsExactly("Widget", "Deployment", "Service", "ConfigMap", "Namespace",
                "CustomResourceDefinition");
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
